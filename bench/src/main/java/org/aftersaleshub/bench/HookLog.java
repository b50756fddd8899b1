package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One webhook receiver path ({@code /hooks/<name>}) as the fault-isolation benchmark follows it: which attempts it
 * refused on purpose, when each event first arrived with a 2xx answer, and whether each ticket's events arrived in
 * the ticket's sequence order. Times are {@link System#nanoTime()} of the benchmark JVM, taken first thing in the
 * handler.
 *
 * <p>The refusal is deterministic so that two runs refuse the same share: the n-th distinct event id (by
 * {@code Idempotency-Key}) gets 503 on its first attempt when {@code floor(n × ratio)} steps up at n, i.e. every
 * 10th event at 0.10; its retry (same key) is answered 200, so every event is delivered in the end.
 */
final class HookLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event's first 2xx arrival. */
    record Arrival(String eventId, String type, String ticketId, long sequence, long nanoTime) {
    }

    /** The counts the report needs, at one moment. */
    record Snapshot(long requests, long refused, long delivered, long duplicates, long orderViolations,
                    long unreadable, List<String> firstViolations) {
    }

    private final double failRatio;
    /** Event ids seen on any attempt, refused or not: the second attempt of a refused event is answered 200. */
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Arrival> delivered = new HashMap<>();
    /** Arrival order of first deliveries, for counting by time window. */
    private final List<Arrival> arrivals = new ArrayList<>();
    /** Per ticket, the highest sequence delivered so far. */
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final Map<String, Long> createdArrival = new HashMap<>();
    private final List<String> firstViolations = new ArrayList<>();
    private long requests;
    private long refused;
    private long duplicates;
    private long orderViolations;
    private long unreadable;

    HookLog(double failRatio) {
        this.failRatio = failRatio;
    }

    /**
     * Notes one request and decides its answer. Synchronised: one ticket's events come one after another from one
     * hub consumer (the next is sent only after this one was answered), so recording before answering keeps their
     * arrival order; the lock only makes the shared maps safe across tickets.
     *
     * @return the HTTP status to answer
     */
    synchronized int arrive(String idempotencyKey, byte[] body, long nanoTime) {
        requests++;
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            unreadable++;
            return 200;
        }
        String eventId = idempotencyKey != null ? idempotencyKey : event.path("eventId").asText(null);
        if (eventId == null) {
            unreadable++;
            return 200;
        }
        if (seen.add(eventId) && refuse(seen.size())) {
            refused++;
            return 503;
        }
        if (delivered.containsKey(eventId)) {
            // a redelivery of an event already answered 2xx (same Idempotency-Key): allowed, counted apart
            duplicates++;
            return 200;
        }
        String ticketId = event.path("ticketId").asText(null);
        long sequence = event.path("sequence").asLong(0);
        Arrival a = new Arrival(eventId, event.path("type").asText(""), ticketId, sequence, nanoTime);
        delivered.put(eventId, a);
        arrivals.add(a);
        if (ticketId != null && sequence > 0) {
            Long last = lastSequence.get(ticketId);
            if (last != null && sequence <= last) {
                orderViolations++;
                if (firstViolations.size() < 5) {
                    firstViolations.add("ticket " + ticketId + ": sequence " + sequence + " (" + a.type()
                            + ") after " + last);
                }
            } else {
                lastSequence.put(ticketId, sequence);
            }
            if (WebhookReceiver.TICKET_CREATED.equals(a.type())) {
                createdArrival.putIfAbsent(ticketId, nanoTime);
            }
        }
        return 200;
    }

    /** Whether the n-th distinct event (from 1) is refused: the count floor(n × ratio) steps up at n. */
    private boolean refuse(long n) {
        // the small epsilon keeps 10 × 0.1 from landing just below 1.0 in floating point
        return failRatio > 0 && Math.floor(n * failRatio + 1e-9) > Math.floor((n - 1) * failRatio + 1e-9);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(requests, refused, delivered.size(), duplicates, orderViolations, unreadable,
                List.copyOf(firstViolations));
    }

    /** Distinct events delivered (2xx) so far. */
    synchronized long delivered() {
        return delivered.size();
    }

    /** Distinct events first delivered in [from, to) ({@link System#nanoTime()}). */
    synchronized long deliveredBetween(long from, long to) {
        return arrivals.stream().filter(a -> a.nanoTime() >= from && a.nanoTime() < to).count();
    }

    /** When the last distinct event was first delivered, or 0 when none was. */
    synchronized long lastArrival() {
        return arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).nanoTime();
    }

    /** When the ticket's {@code TicketCreated} was first delivered (2xx), or null. */
    synchronized Long createdArrival(String ticketId) {
        return createdArrival.get(ticketId);
    }
}
