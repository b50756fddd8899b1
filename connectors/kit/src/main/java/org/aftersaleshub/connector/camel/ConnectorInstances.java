package org.aftersaleshub.connector.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.config.InvalidConfigException;

/**
 * The started connector instances of a deployment, by name ({@code kingdee-sh}, {@code u8-bj}). Each instance is one
 * started {@link HubConnector}: one token cache, one rate budget, shared by every endpoint and API call that names
 * it. The hub fills it from {@code hub.connectors.*} before routes start; outside the hub, the first endpoint that
 * names an unknown instance and carries its keys as options starts it here, and later endpoints share it.
 *
 * <p>This is also where a connector instance gets the deployment's {@link SharedState}: {@link #start} binds it
 * (labelled with the instance name) while the connector starts, so the budgets, token caches and quota counters the
 * connector builds then are the hub's, shared by all hub instances. Without one (plain Camel, tests) each connector
 * keeps them in its own memory.
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
    private final SharedState shared;

    /** Instances whose connectors keep budgets, tokens and quota counts in their own memory. */
    public ConnectorInstances() {
        this(null);
    }

    /**
     * @param shared the stores every instance started here uses (the hub's database-backed ones); null: each
     *               connector keeps its own in memory
     */
    public ConnectorInstances(SharedState shared) {
        this.shared = shared;
    }

    /** The deployment's shared stores, when it has them. */
    public Optional<SharedState> shared() {
        return Optional.ofNullable(shared);
    }

    /**
     * Starts {@code connector} with {@code config} — on the deployment's shared stores, when there are — and adds it
     * under {@code name}.
     *
     * @throws IllegalArgumentException when the name is taken or malformed (nothing is started then)
     * @throws InvalidConfigException   when the configuration does not validate
     */
    public synchronized Instance start(String name, HubConnector connector, Map<String, String> config) {
        checkName(name);
        if (shared == null) {
            connector.start(config);
        } else {
            shared.forInstance(name).runBound(() -> connector.start(config));
        }
        return register(name, connector);
    }

    /**
     * Adds a started connector under {@code name}.
     *
     * @throws IllegalArgumentException when the name is taken or malformed
     */
    public synchronized Instance register(String name, HubConnector started) {
        checkName(name);
        Instance i = new Instance(name, started);
        byName.put(name, i);
        return i;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector instance name '" + name + "' must be 1-63 lower-case "
                    + "letters, digits or dashes");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("connector instance '" + name + "' is declared twice");
        }
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
        return start(name, factory.get(), config);
    }

    /** Stops every instance (the hub's shutdown). */
    public synchronized void stopAll() {
        byName.values().forEach(i -> i.connector().stop());
        byName.clear();
    }
}
