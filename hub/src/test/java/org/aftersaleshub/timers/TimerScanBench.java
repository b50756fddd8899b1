package org.aftersaleshub.timers;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not a test (its name does not end in Test, so {@code verify} never runs it): 100,000 open tickets with
 * their SLA timers on PostgreSQL, then (1) the cost of an idle scan, (2) the delay between a deadline and its fire for
 * a burst of 1,000 escalation-rule timers due within one minute, fired by the hub's own scheduled scanner at the
 * production interval. Writes bench/results/timers-&lt;date&gt;.md. Run:
 * {@code ./mvnw -o -pl hub -am test -Dtest=TimerScanBench -Dsurefire.failIfNoSpecifiedTests=false}
 */
@SpringBootTest
class TimerScanBench {

    static final int OPEN_TICKETS = Integer.getInteger("bench.tickets", 100_000);
    static final int BURST = Integer.getInteger("bench.burst", 1_000);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.postgres(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "outbound-webhook.yaml");
        r.add("hub.rules.dir", () -> "../rules");
        r.add("hub.timers.scan-interval", () -> "5s");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TimerScanner scanner;
    @Autowired
    Clock clock;

    @Test
    void run() throws Exception {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        insertTickets(OPEN_TICKETS, now, "ASSIGNED", "NORMAL", i -> List.of(
                new Object[] {"response:warning", now.plus(Duration.ofMinutes(60 + i % 600))},
                new Object[] {"response:1", now.plus(Duration.ofMinutes(90 + i % 600))},
                new Object[] {"resolution:warning", now.plus(Duration.ofHours(20 + i % 48))},
                new Object[] {"resolution:1", now.plus(Duration.ofHours(24 + i % 48))}));
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        jdbc.execute("analyze due_timer");
        jdbc.execute("analyze ticket");
        Long pending = jdbc.queryForObject("select count(*) from due_timer where state = 'PENDING'", Long.class);

        // (1) idle scans: nothing due; what every tick costs the scanning instance
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int idleScans = 200;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < idleScans; i++) {
            scanner.scan();
        }
        double idleWallMs = (System.nanoTime() - wall0) / 1e6 / idleScans;
        double idleCpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / idleScans;
        String plan = String.join("\n", jdbc.queryForList("explain select id, kind, subject, timer_key, due_at from "
                + "due_timer where state = 'PENDING' and due_at <= now() order by due_at, id limit 500", String.class));

        // (2) a burst: BURST high-priority tickets whose rule timer falls due within the next minute, fired by the
        // scheduled scanner (every 5 s, one instance holding the ShedLock row)
        Instant start = clock.instant().plusSeconds(5);
        insertTickets(BURST, start.minus(Duration.ofHours(2)), "NEW", "HIGH", i -> List.<Object[]>of(
                new Object[] {"rule:high-pending-2h", start.plusMillis(60_000L * i / BURST)}));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                jdbc.queryForObject("select count(*) from due_timer where timer_key = 'rule:high-pending-2h' and "
                        + "state = 'FIRED'", Long.class) == BURST);
        List<Long> delays = new ArrayList<>(jdbc.queryForList("select extract(epoch from (fired_at - due_at)) * 1000 "
                + "from due_timer where timer_key = 'rule:high-pending-2h'", Double.class).stream()
                .map(Double::longValue).sorted().toList());
        long events = jdbc.queryForObject("select count(*) from outbox where event_type = 'SlaBreached'", Long.class);

        String report = """
                # Timers at scale (durable SLA timers) — %s

                In-process benchmark `hub/src/test/java/org/aftersaleshub/timers/TimerScanBench.java` on PostgreSQL
                (127.0.0.1, schema of its own), one hub, the production scan interval (5 s). Machine: %d cores
                (shared with other builds while it ran), %s.

                | what | value |
                |---|---|
                | open tickets with deadlines | %,d (+ %,d for the burst) |
                | pending timers | %,d |
                | bulk load (tickets + timers, JDBC batches) | %,d ms |
                | idle scan (nothing due): wall per scan | %.2f ms |
                | idle scan: CPU of the scanning thread per scan | %.2f ms |
                | idle scans per minute, one instance scanning | 12 (ShedLock: 1 lock + 1 unlock statement each) |
                | statements per idle scan | 1 select (+ 2 ShedLock) |
                | cost per minute, idle | %.1f ms wall, %.1f ms CPU in the hub; 36 statements |
                | burst: rule timers due within one minute | %,d |
                | deadline → fired (fired_at − due_at), p50 | %,d ms |
                | p99 | %,d ms |
                | max | %,d ms |
                | SlaBreached events written | %,d (one per timer) |

                A fired timer's event is in the outbox in the same transaction; the IM notice follows through the
                relay and `im-sla` (their latency: bench/results/im-latency-*.md). The delay is bounded by the scan
                interval (a timer waits for the next tick, 2.5 s on average) plus the time to fire the timers ahead
                of it in the same scan.

                The scan's query plan (partial index not needed: `due_timer_due_idx (state, due_at)`):

                ```
                %s
                ```
                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), OPEN_TICKETS, BURST, pending, loadMs, idleWallMs, idleCpuMs,
                idleWallMs * 12, idleCpuMs * 12, BURST, pct(delays, 50), pct(delays, 99),
                delays.get(delays.size() - 1), events, plan);
        Path out = Path.of("../bench/results/timers-" + LocalDate.now() + ".md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    interface Timers {
        List<Object[]> of(int i);
    }

    private void insertTickets(int n, Instant created, String status, String priority, Timers timers) {
        int batch = 2_000;
        for (int from = 0; from < n; from += batch) {
            List<Object[]> tickets = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + batch); i++) {
                String id = UUID.randomUUID().toString();
                Timestamp at = Timestamp.from(created);
                tickets.add(new Object[] {id, "B" + id.substring(0, 18), "WEB", "C-BENCH", "制冷异常", priority, "华东",
                        status, at, at});
                for (Object[] t : timers.of(i)) {
                    rows.add(new Object[] {"sla", id, t[0], Timestamp.from((Instant) t[1]), at});
                }
            }
            jdbc.batchUpdate("insert into ticket (id, number, channel, customer_id, fault_type, priority, region, "
                    + "status, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", tickets);
            jdbc.batchUpdate("insert into due_timer (kind, subject, timer_key, due_at, state, created_at) values "
                    + "(?, ?, ?, ?, 'PENDING', ?)", rows);
        }
    }
}
