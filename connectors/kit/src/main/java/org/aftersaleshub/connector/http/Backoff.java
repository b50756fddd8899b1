package org.aftersaleshub.connector.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter between in-call retries: attempt n (1-based) waits a random time in
 * [initial/2, min(max, initial * 2^(n-1))].
 *
 * @param initial first delay, positive
 * @param max     upper bound of any delay
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int attempt) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        long floor = Math.max(1, initial.toMillis() / 2);
        return Duration.ofMillis(cap <= floor ? cap : ThreadLocalRandom.current().nextLong(floor, cap + 1));
    }

    /** Waits before retry {@code attempt}, or the system's own hint when it is given and longer. */
    public void pause(int attempt, Duration hint) {
        Duration d = delay(attempt);
        if (hint != null && hint.compareTo(d) > 0) {
            d = hint.compareTo(max) > 0 ? max : hint;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
