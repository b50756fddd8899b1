package org.aftersaleshub.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the hub keeps what it records ({@code hub.retention.*}). Rows older than their retention are deleted by
 * {@link RetentionPurger}, in batches. The outbox ({@code hub.outbox.retention-hours}) and the idempotency records
 * ({@code hub.idempotency.retention}) keep their own keys and are purged by the same purger.
 *
 * @param deliveryJournal one row per attempt at an external effect, shown on the ticket timeline. Default 90d.
 * @param deadLetters     failed messages with their original event (which may carry personal data), open or
 *                        replayed; an open one older than this is removed too, and the removal is audited.
 *                        Default 90d.
 * @param auditLog        who did what (key issued or revoked, replay); kept longest. Default 400d.
 * @param dueTimers       timers (due_timer) that fired or were cancelled, of tickets that ended (CLOSED or CANCELLED)
 *                        at least this long ago, their due time as long ago; a pending timer, or one of a ticket
 *                        still open or resolved, is never removed (its FIRED row is what keeps a deadline from
 *                        firing twice). Default 30d.
 * @param batchSize       most rows one delete statement removes; the purger repeats it until nothing is older.
 *                        Default 500.
 * @param interval        how often the purge runs (every hub instance may run it; see {@link RetentionPurger}).
 *                        Default 1h.
 */
@ConfigurationProperties("hub.retention")
public record RetentionProperties(Duration deliveryJournal, Duration deadLetters, Duration auditLog,
                                  Duration dueTimers, Integer batchSize, Duration interval) {

    public RetentionProperties {
        deliveryJournal = deliveryJournal == null ? Duration.ofDays(90) : deliveryJournal;
        deadLetters = deadLetters == null ? Duration.ofDays(90) : deadLetters;
        auditLog = auditLog == null ? Duration.ofDays(400) : auditLog;
        dueTimers = dueTimers == null ? Duration.ofDays(30) : dueTimers;
        batchSize = batchSize == null || batchSize < 1 ? 500 : batchSize;
        interval = interval == null ? Duration.ofHours(1) : interval;
    }
}
