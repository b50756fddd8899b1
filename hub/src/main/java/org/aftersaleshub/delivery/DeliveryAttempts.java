package org.aftersaleshub.delivery;

import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Journals every attempt at an external effect, one row each, with the time it took. A route marks the effect
 * with {@link #begin(Exchange, String, String)} (its target and idempotency key) right before the call; the
 * shared error handler reports each failure ({@link #failed}) and each retry ({@link #retrying}); the route
 * confirms success with {@link #succeeded}. Routes therefore never write journal rows themselves, and retries
 * are journaled like first attempts.
 */
@Component("deliveryAttempts")
public class DeliveryAttempts {

    private static final String STARTED_AT = "hubAttemptStartedAt";

    private final DeliveryJournal journal;

    public DeliveryAttempts(DeliveryJournal journal) {
        this.journal = journal;
    }

    /**
     * Marks the next call as attempt 1 of an external effect on {@code target}, keyed by {@code idempotencyKey}.
     * Called again for the same target and key (the error handler redelivers the step that calls it), it keeps the
     * count, so the retry bound holds whether a route calls the target in its own step or inside a bean.
     */
    public void begin(Exchange ex, String target, String idempotencyKey) {
        if (target.equals(ex.getProperty(DeliveryProperties.TARGET))
                && idempotencyKey.equals(ex.getProperty(DeliveryProperties.IDEMPOTENCY_KEY))
                && ex.getProperty(DeliveryProperties.ATTEMPT) != null) {
            // a redelivery that re-runs the step which calls begin: the attempt count goes on (retrying() moved it)
            return;
        }
        ex.setProperty(DeliveryProperties.TARGET, target);
        ex.setProperty(DeliveryProperties.IDEMPOTENCY_KEY, idempotencyKey);
        ex.setProperty(DeliveryProperties.ATTEMPT, 1);
        ex.setProperty(STARTED_AT, System.nanoTime());
    }

    /** Route step after the call: the effect is confirmed. */
    public void succeeded(Exchange ex) {
        if (ex.getProperty(DeliveryProperties.TARGET) != null) {
            record(ex, DeliveryOutcome.SUCCESS, ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class),
                    null);
        }
    }

    /** Route step after the call: the target refused the effect for good (no retry); {@code reason} is its answer. */
    public void refused(Exchange ex, String reason) {
        record(ex, DeliveryOutcome.REFUSED, null, reason);
    }

    /** Route step after a call that is not HTTP: the effect is confirmed, {@code detail} says what it produced. */
    public void succeeded(Exchange ex, String detail) {
        record(ex, DeliveryOutcome.SUCCESS, null, detail);
    }

    /**
     * An effect refused for good before anything was called (the step knows the target would refuse it): one
     * REFUSED row under the target and key the call would have carried.
     */
    public void refusedWithoutCall(Exchange ex, String target, String idempotencyKey, String reason) {
        begin(ex, target, idempotencyKey);
        refused(ex, reason);
    }

    /** Error-handler hook (onExceptionOccurred): this attempt failed. */
    public void failed(Exchange ex) {
        Exception failure = ex.getException() != null ? ex.getException()
                : ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (ex.getProperty(DeliveryProperties.TARGET) == null) {
            // a step may wrap it (a bean called from an expression): look through the causes
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof AttributedFailure a) {
                    begin(ex, a.deliveryTarget(), a.idempotencyKey());
                    break;
                }
            }
        }
        if (ex.getProperty(DeliveryProperties.TARGET) == null) {
            return; // a failure before any external call (e.g. a bad event): only the dead letter records it
        }
        Integer status = failure instanceof HttpOperationFailedException h ? Integer.valueOf(h.getStatusCode()) : null;
        record(ex, DeliveryOutcome.FAILED, status, failure == null ? "unknown failure" : RetryPolicy.describe(failure));
    }

    /** Error-handler hook (onRedelivery): the next attempt starts now. */
    public void retrying(Exchange ex) {
        ex.setProperty(DeliveryProperties.ATTEMPT, attempt(ex) + 1);
        ex.setProperty(STARTED_AT, System.nanoTime());
    }

    static int attempt(Exchange ex) {
        return ex.getProperty(DeliveryProperties.ATTEMPT, 1, Integer.class);
    }

    private void record(Exchange ex, DeliveryOutcome outcome, Integer status, String detail) {
        Long started = ex.getProperty(STARTED_AT, Long.class);
        long latencyMs = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        journal.record(ex.getProperty(MessageHeaders.EVENT_ID, String.class),
                ex.getProperty(MessageHeaders.TICKET_ID, String.class),
                ex.getProperty(MessageHeaders.EVENT_TYPE, String.class),
                ex.getFromRouteId(), ex.getProperty(DeliveryProperties.TARGET, String.class),
                ex.getProperty(DeliveryProperties.IDEMPOTENCY_KEY, String.class), attempt(ex), outcome, status,
                latencyMs, detail);
    }
}
