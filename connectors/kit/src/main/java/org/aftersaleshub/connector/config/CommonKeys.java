package org.aftersaleshub.connector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The keys every connector that calls a remote API has, declared once with one naming scheme:
 * {@code <connector>.timeout-ms}, {@code .connect-timeout-ms}, {@code .max-attempts}, {@code .backoff-initial-ms},
 * {@code .backoff-max-ms}, {@code .requests-per-second}. A connector picks its defaults and may append one sentence
 * per key about what the value means for its protocol; it declares only its own keys besides these.
 *
 * <pre>{@code
 * static final CommonKeys CALLS = CommonKeys.of("u8", new CommonKeys.Defaults(30_000, 5_000, 3, 500, 10_000, 20),
 *         Map.of(CommonKeys.TIMEOUT_MS, "A write that times out is sent again only with the same biz_id."));
 * static final ConfigDef CONFIG_DEF = new ConfigDef("u8.").define(BASE_URL, ...).define(CALLS.keys())
 *         .crossCheck(CALLS::backoffOrder).connectivityTimeout(CALLS.timeoutMs());
 * }</pre>
 */
public final class CommonKeys {

    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String BACKOFF_INITIAL_MS = "backoff-initial-ms";
    public static final String BACKOFF_MAX_MS = "backoff-max-ms";
    public static final String REQUESTS_PER_SECOND = "requests-per-second";
    private static final String GROUP = "Timeouts, retries and limits";

    /** A connector's defaults for the common keys. */
    public record Defaults(long timeoutMs, long connectTimeoutMs, int maxAttempts, long backoffInitialMs,
                           long backoffMaxMs, int requestsPerSecond) {
    }

    /** The typed values of the common keys of one validated configuration. */
    public record Values(Duration timeout, Duration connectTimeout, int maxAttempts, Duration backoffInitial,
                         Duration backoffMax, int requestsPerSecond) {

        /** The same values with the request and connect timeouts capped (the connectivity check's bound). */
        public Values cappedAt(Duration bound) {
            return new Values(min(timeout, bound), min(connectTimeout, bound), maxAttempts, backoffInitial,
                    backoffMax, requestsPerSecond);
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) < 0 ? a : b;
        }
    }

    private final ConfigKey timeoutMs;
    private final ConfigKey connectTimeoutMs;
    private final ConfigKey maxAttempts;
    private final ConfigKey backoffInitialMs;
    private final ConfigKey backoffMaxMs;
    private final ConfigKey requestsPerSecond;

    private CommonKeys(String connector, Defaults d, Map<String, String> notes) {
        String p = connector + ".";
        timeoutMs = ConfigKey.builder(p + TIMEOUT_MS).label("请求超时").type(ConfigType.LONG)
                .defaultValue(d.timeoutMs()).importance(Importance.MEDIUM).group(GROUP)
                .rule(Rule.between(50, 600_000))
                .description(withNote("Milliseconds to wait for an answer. A write that times out has an unknown "
                        + "outcome and is reconciled by its idempotency key before anything is written again. Also "
                        + "bounds the connectivity check.", notes.get(TIMEOUT_MS))).build();
        connectTimeoutMs = ConfigKey.builder(p + CONNECT_TIMEOUT_MS).label("连接超时").type(ConfigType.LONG)
                .defaultValue(d.connectTimeoutMs()).importance(Importance.LOW).group(GROUP)
                .rule(Rule.between(50, 120_000))
                .description(withNote("Milliseconds to wait for the TCP connection.", notes.get(CONNECT_TIMEOUT_MS)))
                .build();
        maxAttempts = ConfigKey.builder(p + MAX_ATTEMPTS).label("最大尝试次数").type(ConfigType.INT)
                .defaultValue(d.maxAttempts()).importance(Importance.LOW).group(GROUP).rule(Rule.between(1, 10))
                .description(withNote("Attempts within one call for answers that certainly did not take effect "
                        + "(refused connection, 503, 429, a rejected token renewed once); reads also repeat unknown "
                        + "outcomes. Beyond that the call fails retryably and the hub redelivers it later with the "
                        + "same idempotency key.", notes.get(MAX_ATTEMPTS))).build();
        backoffInitialMs = ConfigKey.builder(p + BACKOFF_INITIAL_MS).label("退避初始值").type(ConfigType.LONG)
                .defaultValue(d.backoffInitialMs()).importance(Importance.LOW).group(GROUP)
                .rule(Rule.between(1, 60_000))
                .description(withNote("First back-off in milliseconds between attempts within a call; doubles each "
                        + "attempt (with jitter). A Retry-After from the server wins when longer.",
                        notes.get(BACKOFF_INITIAL_MS))).build();
        backoffMaxMs = ConfigKey.builder(p + BACKOFF_MAX_MS).label("退避上限").type(ConfigType.LONG)
                .defaultValue(d.backoffMaxMs()).importance(Importance.LOW).group(GROUP)
                .rule(Rule.between(1, 600_000))
                .description(withNote("Largest back-off in milliseconds between attempts within a call.",
                        notes.get(BACKOFF_MAX_MS))).build();
        requestsPerSecond = ConfigKey.builder(p + REQUESTS_PER_SECOND).label("每秒请求上限").type(ConfigType.INT)
                .defaultValue(d.requestsPerSecond()).importance(Importance.LOW).group(GROUP)
                .rule(Rule.between(1, 10_000))
                .description(withNote("Client-side budget of calls per second for this connector instance, shared "
                        + "by every route and API call that uses it; callers wait up to the request timeout for a "
                        + "permit. In the hub the budget is kept in its database, so it holds for all hub instances together.", notes.get(REQUESTS_PER_SECOND))).build();
    }

    /**
     * The common keys of {@code connector} (its config-key prefix without the dot).
     *
     * @param notes optional extra sentence per key suffix ({@link #TIMEOUT_MS}, ...) about the connector's protocol
     */
    public static CommonKeys of(String connector, Defaults defaults, Map<String, String> notes) {
        return new CommonKeys(connector, defaults, notes);
    }

    public static CommonKeys of(String connector, Defaults defaults) {
        return of(connector, defaults, Map.of());
    }

    /** All six, in documentation order, for {@link ConfigDef#define(ConfigKey...)}. */
    public ConfigKey[] keys() {
        return new ConfigKey[] {timeoutMs, connectTimeoutMs, maxAttempts, backoffInitialMs, backoffMaxMs,
                requestsPerSecond};
    }

    public ConfigKey timeoutMs() {
        return timeoutMs;
    }

    public ConfigKey connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public ConfigKey maxAttempts() {
        return maxAttempts;
    }

    public ConfigKey backoffInitialMs() {
        return backoffInitialMs;
    }

    public ConfigKey backoffMaxMs() {
        return backoffMaxMs;
    }

    public ConfigKey requestsPerSecond() {
        return requestsPerSecond;
    }

    /** The typed values of a validated configuration. */
    public Values values(ConnectorConfig c) {
        return new Values(c.millis(timeoutMs), c.millis(connectTimeoutMs), c.integer(maxAttempts),
                c.millis(backoffInitialMs), c.millis(backoffMaxMs), c.integer(requestsPerSecond));
    }

    /** Cross-field rule for {@link ConfigDef#crossCheck}: the first back-off does not exceed the largest. */
    public List<ConfigProblem> backoffOrder(ConnectorConfig c) {
        return c.longValue(backoffInitialMs) <= c.longValue(backoffMaxMs) ? List.of()
                : List.of(new ConfigProblem(backoffInitialMs.name(), "range", backoffInitialMs.display()
                        + " must not exceed " + backoffMaxMs.name() + " (" + c.longValue(backoffMaxMs) + ")"));
    }

    private static String withNote(String text, String note) {
        return note == null || note.isBlank() ? text : text + " " + note;
    }
}
