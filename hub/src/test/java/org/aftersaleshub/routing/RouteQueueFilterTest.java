package org.aftersaleshub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.messaging.EventQueues;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A route's {@code selector} is its queue's filter on the broker: events the route does not take never enter its
 * queue (so its consumers neither receive nor acknowledge them), and a changed selector re-filters the queue,
 * removing what waits there and no longer matches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteQueueFilterTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.demo.enabled", () -> "false");
        r.add("hub.routes-dir", () -> "../routes");
    }

    @Autowired
    EventQueues queues;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    JmsTemplate jms;

    @Test
    void theErpStockQueueStoresOnlyPartEvents() throws Exception {
        assertThat(filterOf("erp-stock").orElse(""))
                .isEqualTo("hubEventType IN ('PartConsumed', 'PartReturned')");
        assertThat(filterOf("outbound-webhook")).isEmpty();
    }

    @Test
    void aQueueGetsOnlyWhatItsFilterTakesAndARefilterDropsWhatNoLongerMatches() throws Exception {
        queues.ensureFiltered(Map.of("filter-probe", "hubEventType IN ('A', 'B')"));
        publish("A", "B", "C", "A", "B", "C");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("filter-probe") == 4);

        // the selector narrows while 4 wait: the 2 the route would now never take are removed, the queue keeps
        // its old filter until it is empty
        queues.ensureFiltered(Map.of("filter-probe", "hubEventType = 'B'"));
        assertThat(count("filter-probe")).isEqualTo(2);
        assertThat(filterOf("filter-probe")).contains("hubEventType IN ('A', 'B')");

        // once empty, the next start gives it the new filter: a C and an A no longer enter
        drain("filter-probe");
        queues.ensureFiltered(Map.of("filter-probe", "hubEventType = 'B'"));
        assertThat(filterOf("filter-probe")).contains("hubEventType = 'B'");
        publish("A", "B", "C");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("filter-probe") == 1);
    }

    private void publish(String... types) {
        for (String type : types) {
            jms.send(new ActiveMQTopic("hub.events"), s -> {
                var m = s.createTextMessage("{}");
                m.setStringProperty(MessageHeaders.EVENT_TYPE, type);
                return m;
            });
        }
    }

    private void drain(String queue) throws Exception {
        try (ClientSessionFactory f = artemis().getServerLocator().createSessionFactory();
             ClientSession s = f.createSession(true, true);
             ClientConsumer c = s.createConsumer(queue)) {
            s.start();
            ClientMessage m;
            while ((m = c.receive(500)) != null) {
                m.acknowledge();
            }
        }
    }

    private Optional<String> filterOf(String queue) throws Exception {
        try (ClientSessionFactory f = artemis().getServerLocator().createSessionFactory();
             ClientSession s = f.createSession()) {
            var q = s.queueQuery(SimpleString.of(queue));
            assertThat(q.isExists()).as("queue %s exists", queue).isTrue();
            return Optional.ofNullable(q.getFilterString()).map(SimpleString::toString);
        }
    }

    private long count(String queue) throws Exception {
        try (ClientSessionFactory f = artemis().getServerLocator().createSessionFactory();
             ClientSession s = f.createSession()) {
            return s.queueQuery(SimpleString.of(queue)).getMessageCount();
        }
    }

    private ActiveMQConnectionFactory artemis() {
        return EventQueues.unwrap(connectionFactory);
    }
}
