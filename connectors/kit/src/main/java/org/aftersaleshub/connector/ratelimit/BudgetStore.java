package org.aftersaleshub.connector.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Where rate budgets keep their permits. One store serves every budget of a deployment; a budget is a name
 * ({@code dingtalk:robot:<token>}, {@code kingdee:<acct>:api}) and a {@link Limit}. The hub's store lives in its
 * database, so every hub instance draws from the same permits; without a hub, {@link InMemoryBudgetStore} keeps
 * them in the process.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li><b>Sliding window.</b> In any span of {@link Limit#period()} at most {@link Limit#permits()} permits of one
 *       budget are granted, by all callers together — as the platforms count (a DingTalk robot blocks for ten
 *       minutes after the 21st message within 60 s). A token bucket would let up to twice the limit through within one
 *       period after a quiet spell.</li>
 *   <li><b>Never blocks for long.</b> {@link #tryAcquire} answers at once (a database round trip or two): granted,
 *       or when the next permit is expected. Waiting is the caller's choice ({@link RateBudgets#acquire}).</li>
 *   <li><b>All or nothing.</b> A request for several permits takes all of them or none.</li>
 *   <li>Thread-safe; callers need no lock of their own.</li>
 * </ul>
 */
public interface BudgetStore {

    /**
     * At most {@code permits} per {@code period}, in any window of that length.
     *
     * <p>The platform counts when a message arrives, the budget when it is granted: declare the platform's window
     * plus the longest time between a grant and the platform receiving the call (a second is plenty on a healthy
     * network), e.g. {@code new Limit(20, Duration.ofSeconds(61))} for "20 messages per minute".
     */
    record Limit(int permits, Duration period) {
        public Limit {
            if (permits < 1) {
                throw new IllegalArgumentException("a budget has at least one permit, not " + permits);
            }
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a budget's period is positive, not " + period);
            }
        }

        public static Limit of(int permits, Duration period) {
            return new Limit(permits, period);
        }
    }

    /**
     * The answer to {@link #tryAcquire}.
     *
     * @param granted    whether the permits were taken
     * @param retryAfter when not granted: how long until enough permits are free (never negative); zero when the
     *                   store lost a race with other callers and trying again at once makes sense
     */
    record Grant(boolean granted, Duration retryAfter) {
        public static final Grant GRANTED = new Grant(true, Duration.ZERO);

        public Grant {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                retryAfter = Duration.ZERO;
            }
        }

        public static Grant denied(Duration retryAfter) {
            return new Grant(false, retryAfter);
        }
    }

    /**
     * Takes {@code permits} permits of {@code budget} now, if the window allows it; never waits.
     *
     * @throws IllegalArgumentException when {@code permits} is below 1 or above {@code limit.permits()} (such a
     *                                  request could never be granted)
     */
    Grant tryAcquire(String budget, Limit limit, int permits);

    /** How many permits of {@code budget} could be taken now (for operators; may be stale a moment later). */
    int available(String budget, Limit limit);

    /** Checks a request's permit count against its limit (for implementations). */
    static void checkPermits(Limit limit, int permits) {
        if (permits < 1 || permits > limit.permits()) {
            throw new IllegalArgumentException("cannot take " + permits + " permits of a budget of "
                    + limit.permits() + " per " + limit.period());
        }
    }
}
