package org.aftersaleshub.imcallback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored callbacks one at a time, each in one transaction: claim the oldest due row (a row another worker
 * or hub instance holds is skipped), act on it, mark it processed — so the ticket change, the events it writes and
 * "processed" commit together or not at all, and a row is processed once. A failure rolls all of it back; the row is
 * tried again after a growing delay and marked FAILED after {@code hub.callbacks.max-attempts}.
 */
@Component
class CallbackProcessor {

    private static final Logger log = LoggerFactory.getLogger(CallbackProcessor.class);

    private final TransactionTemplate tx;
    private final InboundCallbacks store;
    private final CardActionHandler cards;
    private final CallbackProperties properties;
    private final MeterRegistry meters;
    private final List<StoredEventHandler> eventHandlers;

    CallbackProcessor(TransactionTemplate tx, InboundCallbacks store, CardActionHandler cards,
                      CallbackProperties properties, MeterRegistry meters, List<StoredEventHandler> eventHandlers) {
        this.eventHandlers = List.copyOf(eventHandlers);
        this.tx = tx;
        this.store = store;
        this.cards = cards;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Processes the oldest due callback, if any.
     *
     * @return false when none was due (the caller may wait)
     */
    boolean processNext() {
        InboundCallbacks.Row[] claimed = new InboundCallbacks.Row[1];
        InboundCallbacks.Outcome outcome;
        try {
            outcome = tx.execute(status -> {
                Instant now = Instant.now();
                Optional<InboundCallbacks.Row> row = store.claimNext(now);
                if (row.isEmpty()) {
                    return null;
                }
                claimed[0] = row.get();
                InboundCallbacks.Row r = row.get();
                CardActionHandler.Result result = r.kind() == InboundCallbacks.Kind.CARD_ACTION ? cards.handle(r)
                        : event(r);
                store.markProcessed(r.id(), result.outcome(), result.detail(), result.ticketId(), Instant.now());
                if (result.releaseIdentity()) {
                    store.releaseIdentity(r.id(), r.identity());
                }
                return result.outcome();
            });
        } catch (RuntimeException e) {
            if (claimed[0] == null) {
                throw e; // the store itself is unreachable: the worker backs off
            }
            failed(claimed[0], e);
            return true;
        }
        if (outcome == null) {
            return false;
        }
        count(claimed[0], outcome);
        return true;
    }

    /** A stored event: to the platform's handler, if there is one; otherwise stored and acknowledged only. */
    private CardActionHandler.Result event(InboundCallbacks.Row r) {
        for (StoredEventHandler h : eventHandlers) {
            if (h.platform() == r.platform()) {
                StoredEventHandler.Handled done = h.handle(r.instance(), r.eventType(), r.payload());
                return new CardActionHandler.Result(done.applied() ? InboundCallbacks.Outcome.APPLIED
                        : InboundCallbacks.Outcome.IGNORED, done.detail(), null, false);
            }
        }
        return new CardActionHandler.Result(InboundCallbacks.Outcome.IGNORED, "stored; the hub does not act on "
                + r.eventType(), null, false);
    }

    private void failed(InboundCallbacks.Row row, RuntimeException e) {
        int attempt = row.attempts() + 1;
        String detail = "attempt " + attempt + " failed: " + (e instanceof ApiProblem p ? p.getMessage()
                : e.getClass().getSimpleName());
        Instant now = Instant.now();
        Instant next = null;
        if (attempt < properties.maxAttempts()) {
            long factor = 1L << Math.min(attempt - 1, 16);
            next = now.plus(properties.retryBackoff().multipliedBy(factor));
        }
        try {
            store.recordFailure(row.id(), next, detail, now);
        } catch (RuntimeException again) {
            log.warn("Could not record the failure of callback {}; it is retried when the database answers: {}",
                    row.id(), again.getClass().getSimpleName());
            return;
        }
        if (next == null) {
            count(row, InboundCallbacks.Outcome.FAILED);
            log.warn("Callback {} ({} {} for {}) FAILED after {} attempts: {}", row.id(), row.platform().type(),
                    row.eventType(), row.instance(), attempt, detail, e);
        } else {
            log.info("Callback {} ({} {}) {}; next attempt in {}", row.id(), row.platform().type(), row.eventType(),
                    detail, Duration.between(now, next));
        }
    }

    private void count(InboundCallbacks.Row row, InboundCallbacks.Outcome outcome) {
        Counter.builder("hub.callbacks.processed").description("Stored IM callbacks processed, by platform and outcome")
                .tag("platform", row.platform().type()).tag("outcome", outcome.name()).register(meters).increment();
    }
}
