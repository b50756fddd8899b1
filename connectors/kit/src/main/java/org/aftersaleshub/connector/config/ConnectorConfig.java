package org.aftersaleshub.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A validated configuration with typed getters. Keys are passed as their {@link ConfigKey} constants, never as
 * strings. {@link #toString()} masks secrets, so logging a config is safe.
 */
public final class ConnectorConfig {

    public static final String MASK = "****";

    private final ConfigDef def;
    private final Map<String, Object> values;
    private final Map<String, String> raw;

    ConnectorConfig(ConfigDef def, Map<String, Object> values, Map<String, String> raw) {
        this.def = def;
        this.values = Map.copyOf(values);
        this.raw = new LinkedHashMap<>(raw);
    }

    public boolean isSet(ConfigKey key) {
        return values.containsKey(key.name());
    }

    public String string(ConfigKey key) {
        Object v = values.get(key.name());
        return v == null ? null : v.toString();
    }

    public int integer(ConfigKey key) {
        return ((Number) require(key)).intValue();
    }

    public long longValue(ConfigKey key) {
        return ((Number) require(key)).longValue();
    }

    /** A millisecond-valued key as a Duration. */
    public Duration millis(ConfigKey key) {
        return Duration.ofMillis(longValue(key));
    }

    public boolean bool(ConfigKey key) {
        return (Boolean) require(key);
    }

    public URI uri(ConfigKey key) {
        return (URI) require(key);
    }

    public <E extends Enum<E>> E enumValue(ConfigKey key, Class<E> type) {
        return Enum.valueOf(type, (String) require(key));
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(ConfigKey key) {
        Object v = values.get(key.name());
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /** The non-blank values of every secret key, for masking in logs and messages. */
    public List<String> secretValues() {
        return def.keys().stream().filter(ConfigKey::secret).map(k -> values.get(k.name()))
                .filter(Objects::nonNull).map(Object::toString).filter(s -> !s.isBlank()).toList();
    }

    /** The raw map this config was built from (secrets included: do not log it; log this object instead). */
    public Map<String, String> raw() {
        return Map.copyOf(raw);
    }

    private Object require(ConfigKey key) {
        Object v = values.get(key.name());
        if (v == null) {
            throw new IllegalStateException(key.name() + " has no value and no default");
        }
        return v;
    }

    @Override
    public String toString() {
        return def.keys().stream().filter(k -> values.containsKey(k.name()))
                .map(k -> k.name() + "=" + (k.secret() ? MASK : String.valueOf(values.get(k.name()))))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
