package org.aftersaleshub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Reads the state of every route queue on the events address through the broker's core management API: request
 * messages to the management address ({@code activemq.management} by default) over the hub's own connection
 * factory. The same code reads the embedded broker and an external one (whose user then needs the {@code manage}
 * permission on the management address); no JMX, no Jolokia.
 *
 * <p>Not thread-safe: one sampler thread owns it. The core session stays open between readings and is opened
 * again after a failure (a broker restart, a fail-over).
 */
public final class RouteQueueReader implements AutoCloseable {

    /**
     * One queue as the broker sees it.
     *
     * @param queue           the route queue's name (e.g. {@code outbound-webhook})
     * @param messageCount    messages not yet acknowledged: waiting, in a consumer's hands (including those a
     *                        route is retrying in place) and scheduled for redelivery
     * @param deliveringCount of those, the ones handed to a consumer (its buffer, or in process)
     * @param consumerCount   consumers attached (all hub instances together)
     * @param acknowledged    messages acknowledged since the broker started (a counter; it restarts with the broker)
     * @param oldestTimestamp when the oldest unacknowledged message reached the broker (epoch ms), null when none
     */
    public record Reading(String queue, long messageCount, long deliveringCount, int consumerCount, long acknowledged,
                          Long oldestTimestamp) {
    }

    private static final long REQUEST_TIMEOUT_MS = 5_000;

    private final ConnectionFactory connectionFactory;
    private final String address;
    private final String managementAddress;
    private final ObjectMapper json = new ObjectMapper();
    private ClientSessionFactory sessionFactory;
    private ClientSession session;
    private ClientRequestor requestor;

    /**
     * @param connectionFactory the hub's JMS connection factory (an Artemis one, possibly wrapped for caching)
     * @param address           the events address whose queues to read
     * @param managementAddress the broker's management address
     */
    public RouteQueueReader(ConnectionFactory connectionFactory, String address, String managementAddress) {
        this.connectionFactory = connectionFactory;
        this.address = address;
        this.managementAddress = managementAddress;
    }

    /** Every queue bound to the events address, read now. Throws when the broker cannot be asked. */
    public List<Reading> read() throws Exception {
        try {
            connect();
            List<Reading> readings = new ArrayList<>();
            for (String queue : queueNames()) {
                readings.add(read(queue));
            }
            return readings;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private List<String> queueNames() throws Exception {
        Object names = attribute(ResourceNames.ADDRESS + address, "queueNames");
        if (names instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).sorted().toList();
        }
        return List.of();
    }

    private Reading read(String queue) throws Exception {
        String resource = ResourceNames.QUEUE + queue;
        long messages = number(attribute(resource, "messageCount"));
        long delivering = number(attribute(resource, "deliveringCount"));
        int consumers = (int) number(attribute(resource, "consumerCount"));
        long acknowledged = number(attribute(resource, "messagesAcknowledged"));
        // The first message still waiting in the queue; those already handed to consumers (a consumer's buffer
        // holds up to its window, by default 1 MiB of messages, and a route retrying in place holds its message)
        // are older, so they are read too when there are any.
        Object first = attribute(resource, "firstMessageTimestamp");
        Long oldest = first instanceof Number n ? n.longValue() : null;
        if (delivering > 0) {
            Long oldestDelivering = oldestDelivering(resource);
            if (oldestDelivering != null && (oldest == null || oldestDelivering < oldest)) {
                oldest = oldestDelivering;
            }
        }
        return new Reading(queue, messages, delivering, consumers, acknowledged, messages == 0 ? null : oldest);
    }

    /** The oldest timestamp among the messages consumers hold unacknowledged, or null. */
    private Long oldestDelivering(String resource) throws Exception {
        Object result = invoke(resource, "listDeliveringMessagesAsJSON");
        if (!(result instanceof String text) || text.isBlank()) {
            return null;
        }
        // [{"consumerName": "...", "elements": [{"timestamp": 1767..., ...}, ...]}, ...]
        Long oldest = null;
        for (JsonNode consumer : json.readTree(text)) {
            for (JsonNode message : consumer.path("elements")) {
                JsonNode ts = message.get("timestamp");
                if (ts != null && ts.canConvertToLong() && ts.asLong() > 0
                        && (oldest == null || ts.asLong() < oldest)) {
                    oldest = ts.asLong();
                }
            }
        }
        return oldest;
    }

    private Object attribute(String resource, String name) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, resource, name);
        return answer(request, resource + "." + name);
    }

    private Object invoke(String resource, String operation) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, resource, operation);
        return answer(request, resource + "." + operation + "()");
    }

    private Object answer(ClientMessage request, String what) throws Exception {
        ClientMessage reply = requestor.request(request, REQUEST_TIMEOUT_MS);
        if (reply == null) {
            throw new IllegalStateException("the broker did not answer " + what + " within " + REQUEST_TIMEOUT_MS
                    + " ms on " + managementAddress);
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("the broker refused " + what + ": " + ManagementHelper.getResult(reply)
                    + " (an external broker's hub user needs the manage permission on " + managementAddress + ")");
        }
        return ManagementHelper.getResult(reply);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private void connect() throws Exception {
        if (session != null && !session.isClosed()) {
            return;
        }
        ActiveMQConnectionFactory artemis = EventQueues.unwrap(connectionFactory);
        // the locator belongs to the connection factory and stays open; the session factory is ours
        sessionFactory = artemis.getServerLocator().createSessionFactory();
        session = sessionFactory.createSession(artemis.getUser(), artemis.getPassword(), false, true, true, false, 1);
        requestor = new ClientRequestor(session, managementAddress);
        session.start();
    }

    @Override
    public void close() {
        try {
            if (requestor != null) {
                requestor.close();
            }
        } catch (Exception ignored) {
            // closing after a failure: the session may already be gone
        }
        try {
            if (session != null) {
                session.close();
            }
        } catch (Exception ignored) {
            // as above
        }
        if (sessionFactory != null) {
            sessionFactory.close();
        }
        requestor = null;
        session = null;
        sessionFactory = null;
    }
}
