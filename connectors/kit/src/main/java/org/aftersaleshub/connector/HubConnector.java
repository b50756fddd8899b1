package org.aftersaleshub.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.StockOperations;

/**
 * The connector SPI: one implementation per external system (Kingdee, U8, DingTalk, ...), discovered with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/org.aftersaleshub.connector.HubConnector}
 * (see {@link HubConnectors}). Implementations need a public no-argument constructor; everything else comes from
 * the configuration passed to {@link #start(Map)}.
 *
 * <p>Lifecycle: construct → {@link #validate(Map)} (optional, any number of times, also before start) →
 * {@link #start(Map)} → business calls through the capability interfaces (for example
 * {@link org.aftersaleshub.connector.stock.StockDeductions}) → {@link #stop()}. A stopped connector may be started
 * again with a new configuration. Business calls on a connector that is not started throw
 * {@link IllegalStateException}.
 *
 * <p>Idempotency: every business call that makes an external effect carries a deterministic key (the part-usage id,
 * the event id). Calling it twice with the same key must produce at most one effect in the external system, whatever
 * happened in between (timeouts after the system committed, lost sessions, restarts). The conformance kit
 * ({@code ConnectorConformanceTest} in the kit's test-jar) checks this against the system's mock.
 *
 * <p>Thread safety: after {@link #start(Map)} returns, business calls may come from many threads at once.
 */
public interface HubConnector extends AutoCloseable {

    /**
     * Short lower-case system name ({@code kingdee}, {@code u8}); also the prefix of every config key of the
     * connector ({@code kingdee.base-url}) and the {@code sourceSystem} of what it reports. Never null, constant.
     */
    String name();

    /** What this connector implements; never null or empty, constant for the class. */
    Set<Capability> capabilities();

    /**
     * The declaration of every configuration key the connector reads: type, default, validators, importance,
     * group, description and whether it is a secret. Never null, constant for the class; docs and UIs are generated
     * from it.
     */
    ConfigDef configDef();

    /**
     * Stage 1 of validation: syntax, ranges and cross-field rules of {@code config}, without any network call.
     * Never throws, never returns null; an empty list means the parameters are fine. The default checks
     * {@link #configDef()}.
     *
     * @param config raw key/value pairs, may be empty, not null; keys without a value fall back to their default
     */
    default List<ConfigProblem> validateParameters(Map<String, String> config) {
        return configDef().validate(config);
    }

    /**
     * Stage 2 of validation: reach the system with these settings (log in, fetch a token) within {@code timeout}
     * and report failures on the key that most likely causes them (the base URL for a refused connection, the
     * secret for a rejected signature). Only called with a config that passed stage 1. Never throws, never returns
     * null; has no business effect; does not require {@link #start(Map)}.
     */
    List<ConfigProblem> validateConnectivity(Map<String, String> config, Duration timeout);

    /**
     * Both stages: parameters, then — only if they are clean — connectivity with the connector's configured
     * timeout. Returns every problem found, never throws. This is what the hub runs at start-up and what
     * {@code hub validate} prints.
     */
    default List<ConfigProblem> validate(Map<String, String> config) {
        List<ConfigProblem> problems = validateParameters(config);
        if (!problems.isEmpty()) {
            return problems;
        }
        return validateConnectivity(config, configDef().connectivityTimeout(config));
    }

    /**
     * Applies the configuration and prepares clients, caches and budgets. Does not need to reach the external
     * system (a connector must start while the ERP is down; calls fail and are retried later).
     *
     * @throws org.aftersaleshub.connector.config.InvalidConfigException when stage-1 validation finds problems;
     *         the exception carries them all
     * @throws IllegalStateException when already started
     */
    void start(Map<String, String> config);

    /** Releases clients and caches. Idempotent; a connector that was never started stops silently. */
    void stop();

    /** True between a successful {@link #start(Map)} and {@link #stop()}. */
    boolean isStarted();

    /**
     * What a route can ask of this connector ({@code <name>:<instance>?operation=<op>}). The default offers the kit's
     * operations for {@link #capabilities()} ({@link StockOperations}: {@code deduct}, {@code return},
     * {@code stock}, {@code part-known}, {@code warehouse-known}), so every ERP connector has the same names, bodies
     * and result headers; a connector adds its own
     * by overriding this and appending to the default.
     */
    default List<Operation<?>> operations() {
        return StockOperations.forCapabilities(capabilities());
    }

    /**
     * The state of the started connector's calls (credential expiry and last refresh, rate-budget use), for
     * operators; empty when not started or when the connector does not call through {@link ApiCaller}.
     */
    default Optional<ApiCaller.Status> callStatus() {
        return Optional.empty();
    }

    /**
     * This connector seen through a capability interface, for example
     * {@code connector.as(StockDeductions.class)}; empty when it does not implement it.
     */
    default <T> Optional<T> as(Class<T> capabilityInterface) {
        return capabilityInterface.isInstance(this) ? Optional.of(capabilityInterface.cast(this)) : Optional.empty();
    }

    /** Same as {@link #stop()}, so connectors work in try-with-resources. */
    @Override
    default void close() {
        stop();
    }
}
