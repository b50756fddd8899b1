package org.aftersaleshub.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Idempotency-Key settings ({@code hub.idempotency.*}).
 *
 * @param retention how long a stored answer can be replayed; older records are deleted by the retention purger
 *                  ({@code ops.RetentionPurger}, every {@code hub.retention.interval}). Default 24h.
 * @param waitForConcurrent how long a request waits for a concurrent request with the same key to finish before it
 *                  answers 409. Default 30s.
 */
@ConfigurationProperties("hub.idempotency")
public record IdempotencyProperties(Duration retention, Duration waitForConcurrent) {

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        waitForConcurrent = waitForConcurrent == null ? Duration.ofSeconds(30) : waitForConcurrent;
    }
}
