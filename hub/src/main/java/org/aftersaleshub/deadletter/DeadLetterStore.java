package org.aftersaleshub.deadletter;

import org.aftersaleshub.support.Text;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.aftersaleshub.delivery.DeliveryJournal;
import org.aftersaleshub.delivery.DeliveryOutcome;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The end of the shared error handler: stores the failed exchange as a dead letter. If the database write
 * itself fails the exception propagates, the broker transaction rolls back and the message is redelivered:
 * a dead letter is never silently dropped.
 */
@Component("deadLetterStore")
public class DeadLetterStore {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);

    private final JdbcTemplate jdbc;
    private final DeliveryJournal journal;
    private final Counter stored;

    public DeadLetterStore(JdbcTemplate jdbc, DeliveryJournal journal, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.stored = Counter.builder("hub.deadletters.stored").description("Messages moved to the dead-letter store")
                .register(meters);
        Gauge.builder("hub.deadletters.open", this, DeadLetterStore::openCount)
                .description("Dead letters not yet replayed").register(meters);
    }

    /** Called by the {@code hub-error-handling} route configuration after the last attempt. */
    public void store(Exchange ex) {
        Throwable failure = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = failure == null ? "unknown failure" : RetryPolicy.describe(failure);
        int attempts = ex.getProperty(DeliveryProperties.ATTEMPT, 1, Integer.class);
        String eventId = ex.getProperty(MessageHeaders.EVENT_ID, String.class);
        String ticketId = ex.getProperty(MessageHeaders.TICKET_ID, String.class);
        String eventType = ex.getProperty(MessageHeaders.EVENT_TYPE, String.class);
        String target = ex.getProperty(DeliveryProperties.TARGET, String.class);
        String key = ex.getProperty(DeliveryProperties.IDEMPOTENCY_KEY, eventId, String.class);
        String routeId = ex.getFromRouteId() == null ? "unknown" : ex.getFromRouteId();
        String payload = ex.getProperty(DeliveryProperties.EVENT_JSON, String.class);
        if (payload == null) {
            payload = ex.getMessage().getBody(String.class);
        }
        // the journal row first: whoever sees the dead letter (the API, a test, an operator) then also sees the
        // DEAD_LETTER row of the attempts' timeline; the reverse order left a moment with one and not the other
        journal.record(eventId == null ? "unknown" : eventId, ticketId, eventType, routeId,
                target == null ? routeId : target, key == null ? "none" : key, attempts, DeliveryOutcome.DEAD_LETTER,
                null, 0, error);
        long id = insert(eventId, ticketId, eventType, routeId, ex.getProperty(HubEventCapture.SOURCE_QUEUE,
                "unknown", String.class), target, key, payload, error, attempts);
        stored.increment();
        // The error may quote the receiver's answer, which may echo the event (a customer's name, phone number):
        // the log gets only its kind; the full text stays in the store, under its retention, for the API.
        log.warn("Dead letter: route {} target {} after {} attempts ({}); error and event: GET /api/v1/dead-letters/{}",
                routeId, target, attempts, kind(failure), id);
    }

    /** What failed, without any text a remote system or the event supplied: "HTTP 422", "timeout", a class name. */
    static String kind(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        if (failure instanceof org.apache.camel.http.base.HttpOperationFailedException h) {
            return "HTTP " + h.getStatusCode();
        }
        String described = RetryPolicy.describe(failure);
        int colon = described.indexOf(':');
        return colon < 0 ? described : described.substring(0, colon);
    }

    /**
     * A message the broker dead-lettered after its own redeliveries (the consumer never completed it): stored with
     * the route queue as route id, so a replay goes back to that queue.
     */
    public void storeFromBroker(String eventId, String ticketId, String eventType, String routeQueue,
                                String sourceQueue, String payload, int deliveries) {
        String error = "the broker gave up after " + deliveries + " deliveries: the route never completed this"
                + " message (see the hub log around the first delivery)";
        long id = insert(eventId, ticketId, eventType, routeQueue, sourceQueue, null, eventId, payload, error,
                deliveries);
        stored.increment();
        log.warn("Dead letter from the broker: queue {} event {} after {} deliveries; GET /api/v1/dead-letters/{}",
                sourceQueue, eventId, deliveries, id);
    }

    private long insert(String eventId, String ticketId, String eventType, String routeId, String sourceQueue,
                        String target, String key, String payload, String error, int attempts) {
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("insert into dead_letter (event_id, ticket_id, event_type,"
                    + " route_id, source_queue, target, idempotency_key, payload, error, attempts, status, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            Object[] values = {eventId == null ? "unknown" : eventId, ticketId, eventType, routeId, sourceQueue,
                    target, key == null ? "none" : key, payload == null ? "" : payload, Text.truncate(error, 4000),
                    attempts, DeadLetter.OPEN, Timestamp.from(Instant.now())};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, id);
        Number n = id.getKey();
        return n == null ? -1 : n.longValue();
    }

    public long openCount() {
        Long n = jdbc.queryForObject("select count(*) from dead_letter where status = 'OPEN'", Long.class);
        return n == null ? 0 : n;
    }

}
