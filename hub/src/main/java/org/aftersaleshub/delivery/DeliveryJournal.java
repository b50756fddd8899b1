package org.aftersaleshub.delivery;

import org.aftersaleshub.support.Text;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the delivery journal. Writes are group-committed: rows that route threads record at the same
 * moment go to the database in one transaction by one writer thread, and each caller returns only once its row is
 * committed (so the broker message is acknowledged after its journal row is durable, as before, at a fraction of
 * the commits).
 */
@Component
public class DeliveryJournal implements DisposableBean {

    /** One attempt at an external effect. */
    public record Attempt(long id, String eventId, String ticketId, String eventType, String routeId, String target,
                          String idempotencyKey, int attempt, DeliveryOutcome outcome, Integer httpStatus,
                          long latencyMs, String detail, Instant occurredAt) {
    }

    private static final String INSERT = "insert into delivery_journal (event_id, ticket_id, event_type, route_id,"
            + " target, idempotency_key, attempt, outcome, http_status, latency_ms, detail, occurred_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int MAX_BATCH = 500;

    private record Pending(Object[] row, CompletableFuture<Void> committed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public DeliveryJournal(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
        this.writer = new Thread(this::writeLoop, "delivery-journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                tx.executeWithoutResult(s -> jdbc.batchUpdate(INSERT, batch.stream().map(Pending::row).toList()));
                batch.forEach(p -> p.committed().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.committed().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                batch.forEach(p -> p.committed().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(5_000);
    }

    public void record(String eventId, String ticketId, String eventType, String routeId, String target,
                       String idempotencyKey, int attempt, DeliveryOutcome outcome, Integer httpStatus,
                       long latencyMs, String detail) {
        Pending p = new Pending(new Object[] {eventId, ticketId, eventType, routeId, target, idempotencyKey, attempt,
                outcome.name(), httpStatus, latencyMs, Text.truncate(detail, 2000), Timestamp.from(Instant.now())},
                new CompletableFuture<>());
        pending.add(p);
        try {
            p.committed().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while journaling a delivery", e);
        } catch (ExecutionException | TimeoutException e) {
            // the caller's route fails and the broker redelivers: an effect is never left unjournaled silently
            throw new IllegalStateException("the delivery journal could not be written: " + e.getMessage(), e);
        }
        Counter.builder("hub.deliveries").description("Attempts at external effects by outcome")
                .tag("route", routeId).tag("outcome", outcome.name()).register(meters).increment();
        if (outcome != DeliveryOutcome.DEAD_LETTER) {
            Timer.builder("hub.delivery.latency").tag("route", routeId).register(meters)
                    .record(Duration.ofMillis(latencyMs));
        }
    }

    public List<Attempt> forTicket(String ticketId) {
        return jdbc.query("select id, event_id, ticket_id, event_type, route_id, target, idempotency_key, attempt,"
                + " outcome, http_status, latency_ms, detail, occurred_at from delivery_journal where ticket_id = ?"
                + " order by id", (rs, i) -> new Attempt(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                DeliveryOutcome.valueOf(rs.getString(9)), (Integer) rs.getObject(10), rs.getLong(11), rs.getString(12),
                rs.getTimestamp(13).toInstant()), ticketId);
    }

}
