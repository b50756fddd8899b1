package org.aftersaleshub.ops;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.idempotency.IdempotencyProperties;
import org.aftersaleshub.outbox.OutboxProperties;
import org.aftersaleshub.support.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is older than its retention, table by table: published outbox rows, idempotency records, the
 * delivery journal, dead letters and the audit log (configured in {@link RetentionProperties}, the outbox's and the
 * idempotency records' own keys).
 *
 * <p>Each statement deletes at most {@code hub.retention.batch-size} rows, in a transaction of its own, and is
 * repeated until no older row is left: a purge never holds many locks or a long transaction while the hub works.
 * The statement is the same on H2 and PostgreSQL ({@code delete ... where id in (select id ... limit n)}). Several
 * hub instances may purge at once: on PostgreSQL the inner select skips rows another instance is deleting
 * ({@code for update skip locked}), so two purges split the rows between them and neither waits or deadlocks;
 * the embedded H2 default has one instance.
 *
 * <p>Timers ({@code due_timer}, docs/sla.md) go by their own rule ({@link #purgeDueTimers}): only FIRED or CANCELLED
 * rows of tickets that ended, since a FIRED row is what stops an open ticket's deadline from firing again.
 */
@Component
public class RetentionPurger {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurger.class);

    /** What one purge of one table removed. */
    public record Result(String table, Instant cutoff, int rows, int batches) {
    }

    /**
     * A table whose rows expire.
     *
     * @param key       the column(s) naming one row, as written in SQL ({@code id} or {@code (a, b)})
     * @param timestamp the column whose value ages the row
     */
    private record Table(String name, String key, String timestamp, Supplier<Duration> retention) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Database database;
    private final RetentionProperties props;
    private final AuditLog audit;
    private final List<Table> tables;

    public RetentionPurger(JdbcTemplate jdbc, PlatformTransactionManager transactions, Database database,
                           RetentionProperties props, OutboxProperties outbox, IdempotencyProperties idempotency,
                           AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.database = database;
        this.props = props;
        this.audit = audit;
        // published_at is null while an event waits for the relay: "published_at < ?" never matches those
        this.tables = List.of(
                new Table("outbox", "id", "published_at", () -> Duration.ofHours(outbox.retentionHours())),
                new Table("idempotency_record", "(principal, idem_key)", "created_at", idempotency::retention),
                new Table("delivery_journal", "id", "occurred_at", props::deliveryJournal),
                new Table("dead_letter", "id", "created_at", props::deadLetters),
                new Table("audit_log", "id", "at", props::auditLog));
    }

    /** Every table, on {@code hub.retention.interval}; safe to run on every hub instance at once. */
    @Scheduled(fixedDelayString = "${hub.retention.interval:1h}", initialDelayString = "${hub.retention.interval:1h}")
    public void scheduledPurge() {
        try {
            purgeAll(Instant.now());
        } catch (RuntimeException e) {
            // the next run tries again; nothing is lost by deleting later
            log.warn("Retention purge stopped early: {}", e.getMessage());
        }
    }

    /** Purges every table as of {@code now}. */
    public List<Result> purgeAll(Instant now) {
        List<Result> results = new ArrayList<>();
        for (Table t : tables) {
            Result r = purge(t, now);
            if (r.rows() > 0) {
                log.info("Retention: removed {} rows of {} older than {} ({} statements)", r.rows(), t.name(),
                        t.retention().get(), r.batches());
            }
            results.add(r);
        }
        Result timers = purgeDueTimers(now);
        if (timers.rows() > 0) {
            log.info("Retention: removed {} rows of due_timer of tickets ended over {} ago ({} statements)",
                    timers.rows(), props.dueTimers(), timers.batches());
        }
        results.add(timers);
        return results;
    }

    /**
     * Removes the timers that can never matter again: FIRED or CANCELLED, due before the cutoff, of a ticket that
     * ended (CLOSED or CANCELLED: no status follows, so no change of the ticket re-creates a timer) and did not change
     * since the cutoff. A PENDING timer stays (a closed ticket's survey may still be due); so does every timer of a
     * ticket still open or RESOLVED (reopened, it would re-create a purged deadline and fire it twice). The inner
     * select follows the scan's index {@code (state, due_at)} and looks each ticket up by its key.
     */
    private Result purgeDueTimers(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(props.dueTimers()));
        // H2 2.3 (the embedded default) deletes fewer rows than the limit when the inner select reads the (state,
        // due_at) index for a list of states, so a batch came back short and the purge stopped early; an order by id
        // makes it exact there. PostgreSQL needs no sort, and locks only the timer rows.
        String sql = "delete from due_timer where id in (select d.id from due_timer d join ticket t on t.id = "
                + "d.subject where d.state in ('FIRED', 'CANCELLED') and d.due_at < ? and t.status in ('CLOSED', "
                + "'CANCELLED') and t.updated_at < ?" + (database.isPostgres() ? "" : " order by d.id") + " limit "
                + props.batchSize() + (database.isPostgres() ? " for update of d skip locked" : "") + ")";
        int rows = 0;
        int batches = 0;
        while (true) {
            Integer n = tx.execute(s -> jdbc.update(sql, cutoff, cutoff));
            batches++;
            rows += n == null ? 0 : n;
            if (n == null || n < props.batchSize()) {
                return new Result("due_timer", cutoff.toInstant(), rows, batches);
            }
        }
    }

    private Result purge(Table t, Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(t.retention().get()));
        if (t.name().equals("dead_letter")) {
            recordExpiringOpenDeadLetters(cutoff);
        }
        String sql = "delete from " + t.name() + " where " + t.key() + " in (select " + bare(t.key()) + " from "
                + t.name() + " where " + t.timestamp() + " < ? limit " + props.batchSize()
                + (database.isPostgres() ? " for update skip locked" : "") + ")";
        int rows = 0;
        int batches = 0;
        while (true) {
            Integer n = tx.execute(s -> jdbc.update(sql, cutoff));
            batches++;
            rows += n == null ? 0 : n;
            if (n == null || n < props.batchSize()) {
                return new Result(t.name(), cutoff.toInstant(), rows, batches);
            }
        }
    }

    /**
     * An open dead letter is work nobody finished; when its retention removes it, the audit log says how many went
     * and from which routes, so the removal is never silent.
     */
    private void recordExpiringOpenDeadLetters(Timestamp cutoff) {
        List<String> routes = jdbc.queryForList("select route_id || ':' || count(*) from dead_letter"
                + " where status = 'OPEN' and created_at < ? group by route_id order by route_id", String.class, cutoff);
        if (!routes.isEmpty()) {
            log.warn("Retention removes open dead letters older than {} (never replayed), by route: {}",
                    props.deadLetters(), routes);
            audit.record("system", "dead-letter.expire", "dead-letters", "open dead letters created before "
                    + cutoff.toInstant() + " removed by hub.retention.dead-letters=" + props.deadLetters()
                    + "; by route: " + routes);
        }
    }

    private static String bare(String key) {
        return key.startsWith("(") ? key.substring(1, key.length() - 1) : key;
    }
}
