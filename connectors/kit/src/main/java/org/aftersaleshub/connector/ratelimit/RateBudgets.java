package org.aftersaleshub.connector.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * Client-side call budgets keyed per API and app ({@code kingdee:228761:write}), on Resilience4j rate limiters:
 * at most {@code permitsPerPeriod} calls per {@code period} per key; a caller waits up to {@code maxWait} for a
 * permit. This keeps the hub inside the external system's limits before the system has to say 429.
 */
public final class RateBudgets {

    private final RateLimiterRegistry registry;
    private final Duration maxWait;

    public RateBudgets(int permitsPerPeriod, Duration period, Duration maxWait) {
        this.maxWait = maxWait;
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(permitsPerPeriod)
                .limitRefreshPeriod(period).timeoutDuration(maxWait).build());
    }

    /** The budget name for a system, app and API group. */
    public static String key(String system, String app, String api) {
        return system + ":" + app + ":" + api;
    }

    /**
     * Takes one permit of the budget {@code key}, waiting up to the configured maximum.
     *
     * @return false when no permit came in time (the call should be reported RETRYABLE, not sent)
     */
    public boolean acquire(String key) {
        return registry.rateLimiter(key).acquirePermission();
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** The underlying limiter, for metrics. */
    public RateLimiter limiter(String key) {
        return registry.rateLimiter(key);
    }
}
