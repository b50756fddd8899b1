package org.aftersaleshub.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.HubEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Appends an event to the outbox inside the caller's transaction. It refuses to run outside one
 * ({@link Propagation#MANDATORY}): an event written apart from its change could be lost or invented.
 */
@Component
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper mapper, OutboxRelay relay, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relay = relay;
        this.meters = meters;
    }

    /**
     * Writes the event with a fresh event id.
     *
     * @param sequence the ticket's version after the change (per-ticket order); 0 for events outside a ticket
     * @return the envelope as it will be published
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope append(HubEvent event, long sequence, Instant occurredAt) {
        EventEnvelope envelope = EventEnvelope.of(event, sequence, occurredAt);
        String payload;
        try {
            payload = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.type() + " cannot be serialised", e);
        }
        jdbc.update("insert into outbox (event_id, ticket_id, event_type, sequence_no, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                envelope.eventId(), envelope.ticketId(), envelope.type(), sequence, payload,
                Timestamp.from(occurredAt));
        // log lines of the rest of this request name the ticket and the event
        LogContextRestore.registerOnce();
        MDC.put("hubEventId", envelope.eventId());
        if (envelope.ticketId() != null) {
            MDC.put("hubTicketId", envelope.ticketId());
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Counter.builder("hub.intake").description("Changes accepted (committed with their event), by event type")
                        .tag("type", envelope.type()).register(meters).increment();
                relay.wake();
            }
        });
        return envelope;
    }

    /**
     * Gives a thread that is not serving a request (start-up, timer scan, CRM worker, import job) its log context
     * back when the transaction ends: nothing else clears what {@link #append} put there, so the thread's later
     * lines would name an event they have nothing to do with. A request keeps the ids to its end, where
     * {@code ops.LogContextFilter} clears them. Registered once per transaction with the values from before its
     * first append.
     */
    private static final class LogContextRestore implements TransactionSynchronization {

        private static final Object KEY = LogContextRestore.class;

        private final String eventId = MDC.get("hubEventId");
        private final String ticketId = MDC.get("hubTicketId");

        static void registerOnce() {
            if (!TransactionSynchronizationManager.hasResource(KEY)) {
                TransactionSynchronizationManager.bindResource(KEY, Boolean.TRUE);
                TransactionSynchronizationManager.registerSynchronization(new LogContextRestore());
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            if (RequestContextHolder.getRequestAttributes() == null) {
                restore("hubEventId", eventId);
                restore("hubTicketId", ticketId);
            }
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
