package org.aftersaleshub.deadletter;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.aftersaleshub.messaging.ArtemisBrokerSettings;
import org.aftersaleshub.messaging.MessageHeaders;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.stereotype.Component;

/**
 * Messages the broker itself gave up on (a consumer died on them {@code max-delivery-attempts} times, e.g. a
 * poison message that crashes the route) land in {@value ArtemisBrokerSettings#DEAD_LETTER_ADDRESS}; this moves
 * them into the dead-letter store so they are visible and replayable like every other dead letter.
 */
@Component
public class BrokerDeadLetters {

    private final DeadLetterStore store;

    public BrokerDeadLetters(DeadLetterStore store) {
        this.store = store;
    }

    @JmsListener(destination = ArtemisBrokerSettings.DEAD_LETTER_ADDRESS)
    public void onBrokerDeadLetter(Message message) throws JMSException {
        String address = message.getStringProperty("_AMQ_ORIG_ADDRESS");
        String queue = message.getStringProperty("_AMQ_ORIG_QUEUE");
        String body = message instanceof TextMessage t ? t.getText() : "";
        store.storeFromBroker(message.getStringProperty(MessageHeaders.EVENT_ID),
                message.getStringProperty(MessageHeaders.TICKET_ID), message.getStringProperty(MessageHeaders.EVENT_TYPE),
                queue == null ? "broker" : queue, address != null && queue != null ? address + "::" + queue : "unknown",
                body, message.getIntProperty("JMSXDeliveryCount"));
    }
}
