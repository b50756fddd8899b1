package org.aftersaleshub.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes and reads the delivery journal. */
@Component
public class DeliveryJournal {

    /** One attempt at an external effect. */
    public record Attempt(long id, String eventId, String ticketId, String eventType, String routeId, String target,
                          String idempotencyKey, int attempt, DeliveryOutcome outcome, Integer httpStatus,
                          long latencyMs, String detail, Instant occurredAt) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public DeliveryJournal(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public void record(String eventId, String ticketId, String eventType, String routeId, String target,
                       String idempotencyKey, int attempt, DeliveryOutcome outcome, Integer httpStatus,
                       long latencyMs, String detail) {
        jdbc.update("insert into delivery_journal (event_id, ticket_id, event_type, route_id, target, idempotency_key,"
                        + " attempt, outcome, http_status, latency_ms, detail, occurred_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                eventId, ticketId, eventType, routeId, target, idempotencyKey, attempt, outcome.name(), httpStatus,
                latencyMs, truncate(detail, 2000), Timestamp.from(Instant.now()));
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

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
