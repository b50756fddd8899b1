package org.aftersaleshub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.testsupport.EventFactory;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay crashed after the broker committed part of a batch and before the database marked it published: on
 * the next cycle the broker already holds some of the batch. Artemis refuses a transaction holding a duplicate, so
 * a relay that only sent transactions would be stuck for good; this one must get the rest through, each event once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxRelayCrashRecoveryTest {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("recovery");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.outbox.enabled", () -> "false"); // this test drives the relay by hand
        receiver.register(r);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JmsTemplate jms;
    @Autowired
    EventsProperties events;

    @Test
    void aBatchPartlyOnTheBrokerAlreadyIsDeliveredOnceAndTheRelayMovesOn() {
        String ticket = UUID.randomUUID().toString();
        EventFactory factory = new EventFactory(outbox, tx);
        List<EventEnvelope> batch = List.of(factory.statusChange(ticket, 1), factory.statusChange(ticket, 2),
                factory.statusChange(ticket, 3));
        // what the crashed relay got onto the broker: the first event, with its duplicate id
        String first = jdbc.queryForObject("select payload from outbox where event_id = ?", String.class,
                batch.get(0).eventId());
        jms.setPubSubDomain(true);
        jms.send(events.address(), session -> {
            var m = session.createTextMessage(first);
            m.setStringProperty(MessageHeaders.EVENT_ID, batch.get(0).eventId());
            m.setStringProperty(MessageHeaders.EVENT_TYPE, batch.get(0).type());
            m.setStringProperty(MessageHeaders.TICKET_ID, ticket);
            m.setStringProperty(MessageHeaders.JMS_GROUP_ID, ticket);
            m.setStringProperty(MessageHeaders.ARTEMIS_DUPLICATE_ID, batch.get(0).eventId());
            return m;
        });

        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(relay.unpublishedCount()).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("recovery", ticket).size() >= 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.deliveriesTo("recovery", ticket).size() == 3);
        assertThat(receiver.sequencesOf(ticket)).containsExactly(1L, 2L, 3L);
    }
}
