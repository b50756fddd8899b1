package org.aftersaleshub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.aftersaleshub.testsupport.EventFactory;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker is down for a while: changes are still accepted, their events wait in the outbox in order, and
 * once the broker is back every event is delivered, in order, none lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageTest {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("outage");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        receiver.register(r);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    org.aftersaleshub.messaging.EventsProperties eventsProperties;
    @Autowired
    org.aftersaleshub.messaging.BrokerMemory brokerMemory;

    @Test
    void theEventsAddressPagesWithinTheHeapDerivedBudgets() {
        var settings = broker.getActiveMQServer().getAddressSettingsRepository()
                .getMatch(eventsProperties.address());
        var budgets = brokerMemory.resolve();
        assertThat(settings.getMaxSizeBytes()).isEqualTo(budgets.addressBytes());
        assertThat(settings.getMaxReadPageBytes()).isEqualTo(budgets.pageReadBytes());
        assertThat(settings.getPrefetchPageBytes()).isEqualTo(budgets.pageReadBytes());
        assertThat(settings.getAddressFullMessagePolicy().name()).isEqualTo("PAGE");
    }

    @Test
    void eventsWaitInOrderWhileTheBrokerIsDownAndAllArriveAfterwards() throws Exception {
        EventFactory events = new EventFactory(outbox, tx);
        String ticket = UUID.randomUUID().toString();
        events.statusChange(ticket, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("outage", ticket).size() == 1);

        broker.getActiveMQServer().stop();
        for (long seq = 2; seq <= 30; seq++) {
            events.statusChange(ticket, seq);
        }
        // a send already under way on the cached connection when the broker stopped may block until the Artemis
        // client's call timeout (30 s) before the relay sees the failure
        await().atMost(Duration.ofSeconds(45)).until(() -> !relay.brokerHealthy());
        assertThat(relay.unpublishedCount()).as("events wait in the outbox").isEqualTo(29);

        broker.getActiveMQServer().start();

        // the last event arriving is the condition (a redelivered earlier one may also be counted in the deliveries)
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.sequencesOf(ticket).contains(30L));
        // at least once: a message in flight when the broker stopped may arrive again (same key), but never
        // after a later one
        List<Long> arrived = receiver.sequencesOf(ticket);
        assertThat(arrived).isSorted();
        assertThat(arrived.stream().distinct().toList()).isEqualTo(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(receiver.deliveriesTo("outage", ticket)).allSatisfy(d ->
                assertThat(d.idempotencyKey()).isEqualTo(d.eventId()));
        assertThat(relay.unpublishedCount()).isZero();
        assertThat(relay.brokerHealthy()).isTrue();
    }
}
