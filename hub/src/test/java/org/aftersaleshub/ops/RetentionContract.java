package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.idempotency.IdempotencyProperties;
import org.aftersaleshub.outbox.OutboxProperties;
import org.aftersaleshub.support.Database;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Retention: each table loses exactly its rows older than its own retention, in statements of at most the batch
 * size, and keeps the rest. Rows are planted in 2001 and purged "as of" 2001, so rows other tests wrote (today)
 * are never in play. Runs on H2 and PostgreSQL.
 */
public interface RetentionContract extends ApiTestContract {

    Instant NOW = Instant.parse("2001-06-01T00:00:00Z");
    int OLD = 23;
    int KEPT = 5;
    int BATCH = 7;

    /** A purger over this test's database with these settings (the other tables keep the hub's own). */
    RetentionPurger purger(RetentionProperties props);

    /** A purger with the test's retention over the context's own collaborators (what the hub's bean is made of). */
    static RetentionPurger purgerFrom(ApplicationContext context, RetentionProperties props) {
        return new RetentionPurger(context.getBean(JdbcTemplate.class),
                context.getBean(PlatformTransactionManager.class), context.getBean(Database.class), props, context.getBean(OutboxProperties.class),
                context.getBean(IdempotencyProperties.class), context.getBean(AuditLog.class));
    }

    @Test
    default void eachTablesRowsOlderThanItsRetentionGoInBatchesAndNewerOnesStay() {
        RetentionProperties props = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(60),
                Duration.ofDays(400), Duration.ofDays(30), BATCH, Duration.ofHours(1));
        String m = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        // a day beyond the retention is old, a day within it is kept; the outbox keeps 72 h, idempotency 24 h
        plant(m, Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(400), Duration.ofHours(72),
                Duration.ofHours(24));

        Map<String, RetentionPurger.Result> results = purger(props).purgeAll(NOW).stream()
                .collect(Collectors.toMap(RetentionPurger.Result::table, Function.identity()));

        for (String table : List.of("outbox", "idempotency_record", "delivery_journal", "dead_letter", "audit_log")) {
            RetentionPurger.Result r = results.get(table);
            assertThat(r.rows()).as(table + " rows removed").isEqualTo(OLD);
            // 23 rows, 7 per statement: 7 + 7 + 7 + 2
            assertThat(r.batches()).as(table + " statements").isEqualTo(4);
        }
        assertThat(count("select count(*) from delivery_journal where route_id = ?", m)).isEqualTo(KEPT);
        assertThat(count("select count(*) from dead_letter where route_id = ?", m)).isEqualTo(KEPT);
        assertThat(count("select count(*) from audit_log where actor = ?", m)).isEqualTo(KEPT);
        assertThat(count("select count(*) from idempotency_record where principal = ?", m)).isEqualTo(KEPT);
        // the kept published rows, and the old event the relay has not published: never purged
        assertThat(count("select count(*) from outbox where event_type = ?", m)).isEqualTo(KEPT + 1);
        // the newest kept rows are exactly the ones inside the window
        Timestamp journalCutoff = Timestamp.from(NOW.minus(Duration.ofDays(30)));
        assertThat(count("select count(*) from delivery_journal where route_id = ? and occurred_at < ?", m,
                journalCutoff)).isZero();
        // the open dead letters that expired (every even one of the 23 old: 12) are named in the audit log, not
        // removed silently
        assertThat(jdbc().queryForList("select detail from audit_log where action = 'dead-letter.expire'",
                String.class)).anySatisfy(d -> assertThat(d).contains(m + ":12"));

        assertThat(purger(props).purgeAll(NOW)).as("a second purge finds nothing")
                .allSatisfy(r -> assertThat(r.rows()).isZero());
    }

    @Test
    default void timersThatFiredOrWereCancelledGoOnlyOnceTheirTicketEndedLongAgo() {
        RetentionProperties props = new RetentionProperties(null, null, null, Duration.ofDays(30), BATCH, null);
        String m = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        Instant longAgo = NOW.minus(Duration.ofDays(40));
        // 12 tickets closed or cancelled 31 days ago, each with a fired and a cancelled timer: 24 rows to remove
        for (int i = 0; i < 12; i++) {
            String t = ticket(m, i, i % 2 == 0 ? "CLOSED" : "CANCELLED", NOW.minus(Duration.ofDays(31)));
            timer(t, "sla", "response:1", "FIRED", longAgo);
            timer(t, "sla", "resolution:1", "CANCELLED", longAgo);
        }
        // what stays: a closed ticket's survey still pending and its timer due inside the window; the fired timers
        // of a ticket still open or resolved (a purged FIRED row would let the deadline fire again); those of a
        // ticket that ended only five days ago
        String closed = ticket(m, 20, "CLOSED", NOW.minus(Duration.ofDays(31)));
        timer(closed, "survey", "survey", "PENDING", longAgo);
        timer(closed, "sla", "rule:late", "FIRED", NOW.minus(Duration.ofDays(10)));
        String open = ticket(m, 21, "ASSIGNED", NOW.minus(Duration.ofDays(60)));
        timer(open, "sla", "rule:unaccepted-30m", "FIRED", longAgo);
        String resolved = ticket(m, 22, "RESOLVED", NOW.minus(Duration.ofDays(60)));
        timer(resolved, "sla", "response:1", "FIRED", longAgo);
        String recent = ticket(m, 23, "CANCELLED", NOW.minus(Duration.ofDays(5)));
        timer(recent, "sla", "response:1", "CANCELLED", longAgo);

        RetentionPurger.Result r = purger(props).purgeAll(NOW).stream().filter(x -> x.table().equals("due_timer"))
                .findFirst().orElseThrow();

        assertThat(r.rows()).isEqualTo(24);
        // 24 rows, 7 per statement: 7 + 7 + 7 + 3
        assertThat(r.batches()).isEqualTo(4);
        assertThat(jdbc().queryForList("select d.subject || ' ' || d.timer_key from due_timer d join ticket t on "
                + "t.id = d.subject where t.number like ? order by d.subject, d.timer_key", String.class, m + "%"))
                .containsExactlyInAnyOrder(closed + " rule:late", closed + " survey", open + " rule:unaccepted-30m",
                        resolved + " response:1", recent + " response:1");
        assertThat(purger(props).purgeAll(NOW)).as("a second purge finds nothing")
                .allSatisfy(x -> assertThat(x.rows()).isZero());
    }

    private String ticket(String m, int i, String status, Instant updated) {
        String id = UUID.randomUUID().toString();
        jdbc().update("insert into ticket (id, number, channel, customer_id, fault_type, priority, region, status,"
                + " created_at, updated_at, version) values (?, ?, 'WEB', 'C0001', '制冷异常', 'NORMAL', '华东', ?, ?, ?,"
                + " 1)", id, m + "-" + i, status, Timestamp.from(updated.minus(Duration.ofDays(20))),
                Timestamp.from(updated));
        return id;
    }

    private void timer(String subject, String kind, String key, String state, Instant due) {
        jdbc().update("insert into due_timer (kind, subject, timer_key, due_at, state, created_at, fired_at) values"
                + " (?, ?, ?, ?, ?, ?, ?)", kind, subject, key, Timestamp.from(due), state,
                Timestamp.from(due.minus(Duration.ofHours(1))), state.equals("FIRED") ? Timestamp.from(due) : null);
    }

    private void plant(String m, Duration journal, Duration deadLetters, Duration audit, Duration outbox,
                       Duration idempotency) {
        for (int i = 0; i < OLD + KEPT; i++) {
            boolean old = i < OLD;
            Timestamp j = at(journal, old);
            jdbc().update("insert into delivery_journal (event_id, ticket_id, event_type, route_id, target,"
                    + " idempotency_key, attempt, outcome, http_status, latency_ms, detail, occurred_at)"
                    + " values (?, null, 'TicketCreated', ?, 'hook', ?, 1, 'SUCCESS', 200, 3, null, ?)",
                    UUID.randomUUID().toString(), m, "k" + i, j);
            jdbc().update("insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target,"
                    + " idempotency_key, payload, error, attempts, status, created_at)"
                    + " values (?, null, 'TicketCreated', ?, 'hub.events::q', 'hook', ?, '{}', 'HTTP 500', 6, ?, ?)",
                    UUID.randomUUID().toString(), m, "k" + i, i % 2 == 0 ? "OPEN" : "REPLAYED",
                    at(deadLetters, old));
            jdbc().update("insert into audit_log (at, actor, action, target, detail) values (?, ?, 'test', null, null)",
                    at(audit, old), m);
            jdbc().update("insert into outbox (event_id, ticket_id, event_type, sequence_no, payload, created_at,"
                    + " published_at) values (?, null, ?, 1, '{}', ?, ?)", UUID.randomUUID().toString(), m,
                    at(outbox, old), at(outbox, old));
            jdbc().update("insert into idempotency_record (principal, idem_key, request_hash, method, path,"
                    + " response_status, created_at) values (?, ?, 'h', 'POST', '/api/v1/tickets', 201, ?)", m,
                    "key-" + i, at(idempotency, old));
        }
        // an event accepted long ago and never published (the relay may publish it meanwhile): kept either way
        jdbc().update("insert into outbox (event_id, ticket_id, event_type, sequence_no, payload, created_at,"
                + " published_at) values (?, null, ?, 1, '{}', ?, null)", UUID.randomUUID().toString(), m,
                at(outbox.multipliedBy(10), true));
    }

    private static Timestamp at(Duration retention, boolean old) {
        return Timestamp.from(NOW.minus(retention).plus(old ? Duration.ofDays(-1) : Duration.ofDays(1)));
    }

    private int count(String sql, Object... args) {
        return jdbc().queryForObject(sql, Integer.class, args);
    }
}
