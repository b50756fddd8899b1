package org.aftersaleshub.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.outbox.*}.
 *
 * @param pollIntervalMs  how often the relay looks for unpublished events when no commit woke it (default 200)
 * @param batchSize       most events moved in one broker transaction (default 200)
 * @param retentionHours  published outbox rows older than this are deleted by the retention purger
 *                        ({@code ops.RetentionPurger}; default 72; the delivery journal keeps the history)
 * @param enabled         run the relay in this instance (default true; every instance may run it)
 * @param lingerMs        after a commit wakes the relay, wait this long for more commits before relaying, so one
 *                        relay cycle carries many events under load (default 5; 0 = relay at once)
 */
@ConfigurationProperties("hub.outbox")
public record OutboxProperties(Long pollIntervalMs, Integer batchSize, Integer retentionHours, Boolean enabled,
                               Long lingerMs) {

    public OutboxProperties {
        pollIntervalMs = pollIntervalMs == null || pollIntervalMs < 10 ? 200 : pollIntervalMs;
        batchSize = batchSize == null || batchSize < 1 ? 200 : batchSize;
        retentionHours = retentionHours == null || retentionHours < 1 ? 72 : retentionHours;
        enabled = enabled == null || enabled;
        lingerMs = lingerMs == null || lingerMs < 0 ? 5 : lingerMs;
    }
}
