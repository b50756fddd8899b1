package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.web.ApiPostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * {@link RetentionContract} on PostgreSQL (profile prod), and what only PostgreSQL has: several hub instances
 * purging the same tables at the same moment.
 */
class RetentionPostgresTest extends ApiPostgresIntegrationTest implements RetentionContract {

    @Autowired
    ApplicationContext context;

    @Override
    public RetentionPurger purger(RetentionProperties props) {
        return RetentionContract.purgerFrom(context, props);
    }

    @Test
    void twoInstancesPurgingAtOnceRemoveEachOldRowOnceWithoutWaitingOnEachOther() throws Exception {
        int rows = 3_000;
        String m = "ret-par-" + UUID.randomUUID().toString().substring(0, 8);
        Timestamp old = Timestamp.from(NOW.minus(Duration.ofDays(31)));
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            batch.add(new Object[] {UUID.randomUUID().toString(), m, "k" + i, old});
        }
        jdbc.batchUpdate("insert into delivery_journal (event_id, ticket_id, event_type, route_id, target,"
                + " idempotency_key, attempt, outcome, http_status, latency_ms, detail, occurred_at)"
                + " values (?, null, 'TicketCreated', ?, 'hook', ?, 1, 'SUCCESS', 200, 3, null, ?)", batch);
        RetentionProperties props = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(60),
                Duration.ofDays(400), Duration.ofDays(30), 50, Duration.ofHours(1));
        // two instances: two purgers, each with its own transactions on the same database
        List<RetentionPurger> instances = List.of(purger(props), purger(props));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RetentionPurger.Result>> runs = new ArrayList<>();
        for (RetentionPurger p : instances) {
            runs.add(pool.submit(() -> {
                go.await();
                return p.purgeAll(NOW).stream().filter(r -> r.table().equals("delivery_journal")).findFirst()
                        .orElseThrow();
            }));
        }
        go.countDown();
        int removed = 0;
        for (Future<RetentionPurger.Result> run : runs) {
            RetentionPurger.Result r = run.get();
            System.out.printf("instance removed %d journal rows in %d statements%n", r.rows(), r.batches());
            removed += r.rows();
        }
        pool.shutdown();

        assertThat(removed).as("every old row removed exactly once across both instances").isEqualTo(rows);
        assertThat(jdbc.queryForObject("select count(*) from delivery_journal where route_id = ?", Integer.class, m))
                .isZero();
    }
}
