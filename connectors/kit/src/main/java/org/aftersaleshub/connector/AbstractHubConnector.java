package org.aftersaleshub.connector;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle plumbing every {@link HubConnector} repeats, so that a connector only says what one configuration
 * builds ({@link #open(ConnectorConfig)}) and what stopping releases ({@link #close(Object)}).
 *
 * <p>Contract kept here, for every subclass:
 * <ul>
 *   <li>{@link #name()}, {@link #capabilities()} and {@link #configDef()} are the constants given to the
 *       constructor; {@link #capabilities()} answers a fresh mutable copy on every call.</li>
 *   <li>{@link #start(Map)} refuses a second start with {@link IllegalStateException}
 *       ({@link #alreadyStartedMessage()}), parses the raw configuration with the {@link ConfigDef} (so stage-1
 *       problems surface as {@link org.aftersaleshub.connector.config.InvalidConfigException}), builds the running
 *       state with {@link #open(ConnectorConfig)} and only then publishes it; it logs
 *       {@code "<name> connector started: <config>"} (the config's {@code toString} masks secrets) on the
 *       subclass's logger.</li>
 *   <li>{@link #stop()} is idempotent: it unpublishes the state first, so new business calls see "not started",
 *       then hands it to {@link #close(Object)} and logs {@code "<name> connector stopped"}.</li>
 *   <li>{@link #running()} is how business calls get the state: it throws {@link IllegalStateException}
 *       {@code "<name> connector is not started"} when there is none.</li>
 * </ul>
 * {@code start} and {@code stop} are synchronized on the connector; the state is read without a lock (it is
 * published through a volatile field and must be immutable or thread-safe itself).
 *
 * @param <S> what one started configuration consists of (clients, caches, budgets, the parsed config)
 */
public abstract class AbstractHubConnector<S> implements HubConnector {

    private final String name;
    private final ConfigDef configDef;
    private final Set<Capability> capabilities;
    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile S state;

    /**
     * @param name         {@link #name()}: the system name and config-key prefix
     * @param configDef    {@link #configDef()}: the declaration {@link #start(Map)} parses with
     * @param capabilities {@link #capabilities()}; at least one
     */
    protected AbstractHubConnector(String name, ConfigDef configDef, Set<Capability> capabilities) {
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException(name + ": a connector has at least one capability");
        }
        this.name = name;
        this.configDef = configDef;
        this.capabilities = EnumSet.copyOf(capabilities);
    }

    /**
     * Builds the running state of one configuration. Called by {@link #start(Map)} under the connector's lock with a
     * configuration that passed stage-1 validation; must not need the external system to be reachable.
     */
    protected abstract S open(ConnectorConfig config);

    /** Releases what {@link #open(ConnectorConfig)} built; called once per start by {@link #stop()}. */
    protected void close(S state) {
    }

    /** The message of the {@link IllegalStateException} a second {@link #start(Map)} throws. */
    protected String alreadyStartedMessage() {
        return name + " connector already started";
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> capabilities() {
        return EnumSet.copyOf(capabilities);
    }

    @Override
    public final ConfigDef configDef() {
        return configDef;
    }

    @Override
    public final synchronized void start(Map<String, String> config) {
        if (state != null) {
            throw new IllegalStateException(alreadyStartedMessage());
        }
        ConnectorConfig parsed = configDef.parse(name, config);
        state = open(parsed);
        log.info("{} connector started: {}", name, parsed);
    }

    @Override
    public final synchronized void stop() {
        S s = state;
        if (s != null) {
            state = null;
            close(s);
            log.info("{} connector stopped", name);
        }
    }

    @Override
    public final boolean isStarted() {
        return state != null;
    }

    /** The running state; {@link IllegalStateException} when the connector is not started. */
    protected final S running() {
        S s = state;
        if (s == null) {
            throw new IllegalStateException(name + " connector is not started");
        }
        return s;
    }

    /** The running state, or null when the connector is not started (for {@code toString} and counters). */
    protected final S runningOrNull() {
        return state;
    }
}
