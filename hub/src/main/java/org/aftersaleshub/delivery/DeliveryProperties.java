package org.aftersaleshub.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.delivery.*}: the shared retry policy of every route (applied by the {@code hub-error-handling}
 * route configuration).
 *
 * @param maxAttempts       attempts per external effect before it becomes a dead letter, 1..50 (default 6)
 * @param initialBackoffMs  delay before the first retry (default 500)
 * @param backoffMultiplier growth of the delay per retry (default 2.0)
 * @param maxBackoffMs      cap of the delay (default 30000)
 */
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(Integer maxAttempts, Long initialBackoffMs, Double backoffMultiplier,
                                 Long maxBackoffMs) {

    /** Exchange property a route sets to the target's name: marks the next endpoint call as an external effect. */
    public static final String TARGET = "hubDeliveryTarget";
    /** Exchange property with the effect's idempotency key (derived from the event, the same on every attempt). */
    public static final String IDEMPOTENCY_KEY = "hubIdempotencyKey";
    /** Exchange property counting the attempts at the current target (kept by the journal, read by the dead-letter store). */
    public static final String ATTEMPT = "hubAttempt";
    /** Exchange property with the original event JSON (what a dead letter keeps and a replay re-sends). */
    public static final String EVENT_JSON = "hubEventJson";

    public DeliveryProperties {
        maxAttempts = maxAttempts == null ? 6 : Math.max(1, Math.min(50, maxAttempts));
        initialBackoffMs = initialBackoffMs == null ? 500 : Math.max(0, initialBackoffMs);
        backoffMultiplier = backoffMultiplier == null ? 2.0 : Math.max(1.0, backoffMultiplier);
        maxBackoffMs = maxBackoffMs == null ? 30_000 : Math.max(initialBackoffMs, maxBackoffMs);
    }
}
