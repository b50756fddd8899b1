package org.aftersaleshub.connector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * All keys of one connector, in documentation order, plus the cross-field rules between them. Validation returns
 * data ({@link ConfigProblem}s), never throws, and reports every problem at once, so a UI or {@code hub validate}
 * can show them together.
 *
 * <p>Stage-1 order: per key (required, type, rules), then unknown keys under the connector's prefix, then the
 * cross-field rules — only when every key parsed, so cross-field rules may read typed values safely.
 */
public final class ConfigDef {

    private final String prefix;
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    private final List<Function<ConnectorConfig, List<ConfigProblem>>> crossChecks = new ArrayList<>();
    private ConfigKey connectivityTimeoutKey;

    /** @param prefix the connector's key prefix including the dot ({@code kingdee.}) */
    public ConfigDef(String prefix) {
        this.prefix = prefix;
    }

    public ConfigDef define(ConfigKey... toAdd) {
        for (ConfigKey k : toAdd) {
            if (!k.name().startsWith(prefix)) {
                throw new IllegalStateException(k.name() + " must start with " + prefix);
            }
            if (keys.putIfAbsent(k.name(), k) != null) {
                throw new IllegalStateException(k.name() + " is declared twice");
            }
        }
        return this;
    }

    /** A rule over several keys; runs only when every key parsed. Return an empty list when it holds. */
    public ConfigDef crossCheck(Function<ConnectorConfig, List<ConfigProblem>> check) {
        crossChecks.add(check);
        return this;
    }

    /** The key (milliseconds, LONG or INT) whose value bounds the connectivity stage of validation. */
    public ConfigDef connectivityTimeout(ConfigKey key) {
        this.connectivityTimeoutKey = key;
        return this;
    }

    public String prefix() {
        return prefix;
    }

    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** Stage 1 validation; see the class comment. */
    public List<ConfigProblem> validate(Map<String, String> raw) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ConfigKey k : keys.values()) {
            String value = raw.get(k.name());
            if (value == null || value.isBlank()) {
                value = k.defaultValue();
            }
            if (value == null || value.isBlank()) {
                if (k.required()) {
                    problems.add(new ConfigProblem(k.name(), "required", k.display() + " is required; "
                            + firstSentence(k.description())));
                }
                continue;
            }
            Object typed;
            try {
                typed = k.parse(value);
            } catch (IllegalArgumentException e) {
                String why = k.secret() ? "has the wrong format" : e.getMessage();
                problems.add(new ConfigProblem(k.name(), k.type() == ConfigType.ENUM ? "one-of" : "type",
                        k.display() + " " + why));
                continue;
            }
            boolean ok = true;
            for (Rule r : k.rules()) {
                Optional<String> broken = r.check(typed);
                if (broken.isPresent()) {
                    problems.add(new ConfigProblem(k.name(), r.name(), k.display() + " " + broken.get()
                            + (k.secret() ? "" : ", was '" + value.trim() + "'")));
                    ok = false;
                }
            }
            if (ok) {
                parsed.put(k.name(), typed);
            }
        }
        for (String given : raw.keySet()) {
            if (given.startsWith(prefix) && !keys.containsKey(given)) {
                problems.add(new ConfigProblem(given, "unknown-key", given + " is not a " + prefix
                        + "* key; known keys: " + String.join(", ", keys.keySet())));
            }
        }
        if (problems.isEmpty()) {
            ConnectorConfig config = new ConnectorConfig(this, parsed, raw);
            for (var check : crossChecks) {
                problems.addAll(check.apply(config));
            }
        }
        return Collections.unmodifiableList(problems);
    }

    /**
     * The typed view of a configuration that passed {@link #validate(Map)}.
     *
     * @throws InvalidConfigException when it did not
     */
    public ConnectorConfig parse(String connector, Map<String, String> raw) {
        List<ConfigProblem> problems = validate(raw);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(connector, problems);
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ConfigKey k : keys.values()) {
            String value = raw.get(k.name());
            if (value == null || value.isBlank()) {
                value = k.defaultValue();
            }
            if (value != null && !value.isBlank()) {
                parsed.put(k.name(), k.parse(value));
            }
        }
        return new ConnectorConfig(this, parsed, raw);
    }

    /** The connectivity-stage timeout for {@code raw}: its declared key, else 10 s. */
    public Duration connectivityTimeout(Map<String, String> raw) {
        if (connectivityTimeoutKey != null) {
            String v = raw.getOrDefault(connectivityTimeoutKey.name(), connectivityTimeoutKey.defaultValue());
            try {
                return Duration.ofMillis(Long.parseLong(v.trim()));
            } catch (RuntimeException ignored) {
                // stage 1 reports the bad value
            }
        }
        return Duration.ofSeconds(10);
    }

    private static String firstSentence(String description) {
        int dot = description.indexOf(". ");
        return dot < 0 ? description : description.substring(0, dot + 1);
    }
}
