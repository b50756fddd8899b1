package org.aftersaleshub.deadletter;

import java.util.HashMap;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs first on every event a route receives (an interceptFrom of the shared route configuration): keeps the
 * event's identity, its original JSON and its source queue as exchange properties, so journal, dead letter and
 * replay see them whatever the route later does to headers and body.
 */
@Component("hubEventCapture")
public class HubEventCapture implements Processor {

    /** Exchange property: the queue the event came from. */
    public static final String SOURCE_QUEUE = "hubSourceQueue";
    /** Log-context keys, the same the REST side uses (see ops.LogContextFilter). */
    public static final String MDC_TICKET = "hubTicketId";
    public static final String MDC_EVENT = "hubEventId";

    @Override
    public void process(Exchange ex) {
        var in = ex.getMessage();
        ex.setProperty(MessageHeaders.EVENT_ID, in.getHeader(MessageHeaders.EVENT_ID, String.class));
        ex.setProperty(MessageHeaders.TICKET_ID, in.getHeader(MessageHeaders.TICKET_ID, String.class));
        ex.setProperty(MessageHeaders.EVENT_TYPE, in.getHeader(MessageHeaders.EVENT_TYPE, String.class));
        ex.setProperty(MessageHeaders.TARGET, in.getHeader(MessageHeaders.TARGET, String.class));
        ex.setProperty(MessageHeaders.REPLAY_OF, in.getHeader(MessageHeaders.REPLAY_OF, String.class));
        ex.setProperty(DeliveryProperties.EVENT_JSON, in.getBody(String.class));
        String uri = ex.getFromEndpoint() == null ? null : ex.getFromEndpoint().getEndpointUri();
        ex.setProperty(SOURCE_QUEUE, queueOf(uri));
        detachFromJms(ex);
        // every log line while this event is handled names it (the consumer thread handles one exchange at a time)
        putOrRemove(MDC_TICKET, ex.getProperty(MessageHeaders.TICKET_ID, String.class));
        putOrRemove(MDC_EVENT, ex.getProperty(MessageHeaders.EVENT_ID, String.class));
        ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange exchange) {
                MDC.remove(MDC_TICKET);
                MDC.remove(MDC_EVENT);
            }
        });
    }

    /**
     * Replaces the broker-bound message with a plain one holding the same body and headers. The error handler copies
     * the exchange before every step so that a redelivery starts from the original; copying a JMS-bound message makes
     * Camel probe a null JMS message for its redelivery flag and throw and catch an exception each time, which was a
     * third of the erp-stock consumers' CPU in the intake profile (bench/results/efficiency-*.md). Nothing after this
     * point reads the JMS message itself: acknowledgement belongs to the listener container and its session.
     */
    static void detachFromJms(Exchange ex) {
        Message in = ex.getIn();
        if (!(in instanceof JmsMessage)) {
            return;
        }
        DefaultMessage plain = new DefaultMessage(ex);
        plain.setHeaders(new HashMap<>(in.getHeaders()));
        plain.setBody(in.getBody());
        plain.setMessageId(in.getMessageId());
        ex.setIn(plain);
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** {@code jms://queue:hub.events::outbound-webhook?x=y} → {@code hub.events::outbound-webhook}. */
    static String queueOf(String endpointUri) {
        if (endpointUri == null) {
            return "unknown";
        }
        String s = endpointUri.replaceFirst("^jms:(//)?queue:", "");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
