package org.aftersaleshub.delivery;

import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Journals every call a route makes to an endpoint right after it marked the exchange with
 * {@link DeliveryProperties#TARGET}: one row per attempt, with the time the call took. Routes therefore never
 * write journal code themselves, and a retry by the shared error handler is journaled like the first attempt.
 */
@Component
public class DeliveryJournalNotifier extends EventNotifierSupport {

    private final DeliveryJournal journal;

    public DeliveryJournalNotifier(DeliveryJournal journal) {
        this.journal = journal;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent sent
                && sent.getExchange().getProperty(DeliveryProperties.TARGET) != null
                && !sent.getEndpoint().getEndpointUri().startsWith("bean:");
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        Exchange ex = sent.getExchange();
        Exception failure = ex.getException();
        Integer status = failure instanceof HttpOperationFailedException h ? Integer.valueOf(h.getStatusCode())
                : ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int attempt = ex.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1;
        journal.record(ex.getMessage().getHeader(MessageHeaders.EVENT_ID, ex.getProperty(MessageHeaders.EVENT_ID),
                        String.class),
                ex.getProperty(MessageHeaders.TICKET_ID, String.class),
                ex.getProperty(MessageHeaders.EVENT_TYPE, String.class),
                ex.getFromRouteId(), ex.getProperty(DeliveryProperties.TARGET, String.class),
                ex.getProperty(DeliveryProperties.IDEMPOTENCY_KEY, String.class), attempt,
                failure == null ? DeliveryOutcome.SUCCESS : DeliveryOutcome.FAILED, status, sent.getTimeTaken(),
                failure == null ? null : RetryPolicy.describe(failure));
    }
}
