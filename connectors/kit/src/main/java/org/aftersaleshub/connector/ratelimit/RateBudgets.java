package org.aftersaleshub.connector.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.SharedState;

/**
 * Client-side call budgets keyed per API and app ({@code kingdee:228761:write}): at most {@code permitsPerPeriod}
 * calls in any {@code period} per key; a caller waits up to {@code maxWait} for a permit. This keeps the hub inside
 * the external system's limits before the system has to say 429.
 *
 * <p>The permits live in a {@link BudgetStore}. Built while a connector instance starts, a budget takes the
 * deployment's store ({@link SharedState#current()}): in the hub that is its database, so the limit holds for all
 * hub instances together. Elsewhere each {@code RateBudgets} keeps its permits in memory, as before.
 */
public final class RateBudgets {

    private final BudgetStore store;
    private final BudgetStore.Limit limit;
    private final Duration maxWait;

    /** Budgets on the deployment's store ({@link SharedState#current()}). */
    public RateBudgets(int permitsPerPeriod, Duration period, Duration maxWait) {
        this(SharedState.current().budgets(), permitsPerPeriod, period, maxWait);
    }

    public RateBudgets(BudgetStore store, int permitsPerPeriod, Duration period, Duration maxWait) {
        this.store = store;
        this.limit = BudgetStore.Limit.of(permitsPerPeriod, period);
        this.maxWait = maxWait.isNegative() ? Duration.ZERO : maxWait;
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
        return acquire(key, 1);
    }

    /**
     * Takes {@code permits} permits of {@code key} at once, waiting up to the configured maximum. Gives up at once
     * when the store says the permits will not be free within the remaining wait.
     *
     * @return false when they did not come in time, or the thread was interrupted (its flag is set again)
     */
    public boolean acquire(String key, int permits) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            BudgetStore.Grant grant = store.tryAcquire(key, limit, permits);
            if (grant.granted()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            long pause = Math.max(grant.retryAfter().toNanos(), 1_000_000L);
            if (pause > left) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Takes {@code permits} permits of {@code key} if they are free now; never waits. */
    public BudgetStore.Grant tryAcquire(String key, int permits) {
        return store.tryAcquire(key, limit, permits);
    }

    /** Permits of {@code key} free now, for operators. */
    public int available(String key) {
        return store.available(key, limit);
    }

    public BudgetStore.Limit limit() {
        return limit;
    }

    public Duration maxWait() {
        return maxWait;
    }
}
