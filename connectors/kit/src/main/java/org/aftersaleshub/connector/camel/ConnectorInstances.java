package org.aftersaleshub.connector.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.config.InvalidConfigException;

/**
 * The started connector instances of a deployment, by name ({@code kingdee-sh}, {@code u8-bj}). Each instance is one
 * started {@link HubConnector}: one token cache, one rate budget, shared by every endpoint and API call that names
 * it. The hub fills it from {@code hub.connectors.*} before routes start; outside the hub, the first endpoint that
 * names an unknown instance and carries its keys as options starts it here, and later endpoints share it.
 */
public final class ConnectorInstances {

    /** Instance names: lower-case letters, digits and dashes, as they appear in endpoint URIs and config keys. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** A named, started connector; its type is {@link HubConnector#name()}. */
    public record Instance(String name, HubConnector connector) {
        public String type() {
            return connector.name();
        }
    }

    private final Map<String, Instance> byName = new LinkedHashMap<>();

    /**
     * Adds a started connector under {@code name}.
     *
     * @throws IllegalArgumentException when the name is taken or malformed
     */
    public synchronized Instance register(String name, HubConnector started) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector instance name '" + name + "' must be 1-63 lower-case "
                    + "letters, digits or dashes");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("connector instance '" + name + "' is declared twice");
        }
        Instance i = new Instance(name, started);
        byName.put(name, i);
        return i;
    }

    public synchronized Optional<Instance> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized List<Instance> all() {
        return List.copyOf(byName.values());
    }

    public synchronized List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * The instance {@code name}, started from {@code config} with a new connector when there is none yet.
     *
     * @throws InvalidConfigException when the configuration does not validate
     */
    public synchronized Instance getOrStart(String name, Supplier<HubConnector> factory, Map<String, String> config) {
        Instance existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        HubConnector c = factory.get();
        c.start(config);
        return register(name, c);
    }

    /** Stops every instance (the hub's shutdown). */
    public synchronized void stopAll() {
        byName.values().forEach(i -> i.connector().stop());
        byName.clear();
    }
}
