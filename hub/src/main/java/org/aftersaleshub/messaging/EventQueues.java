package org.aftersaleshub.messaging;

import jakarta.jms.ConnectionFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersaleshub.ops.OpsProperties;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Makes sure the events address and one durable queue per consuming route exist on the broker, embedded or
 * external, before anything is published: a multicast address drops messages that have no queue yet.
 */
@Component
public class EventQueues {

    private static final Logger log = LoggerFactory.getLogger(EventQueues.class);

    private final ConnectionFactory connectionFactory;
    private final EventsProperties events;
    private final OpsProperties ops;

    public EventQueues(ConnectionFactory connectionFactory, EventsProperties events, OpsProperties ops) {
        this.ops = ops;
        this.connectionFactory = connectionFactory;
        this.events = events;
    }

    /** Creates the missing ones among these route queues (names without the address part), without filters. */
    public void ensure(Collection<String> routeQueues) {
        Map<String, String> unfiltered = new LinkedHashMap<>();
        routeQueues.forEach(q -> unfiltered.put(q, ""));
        ensureFiltered(unfiltered);
    }

    /**
     * Creates the missing route queues, each with its filter (a JMS selector over the event headers, e.g.
     * {@code hubEventType IN ('PartConsumed','PartReturned')}; empty = every event). The broker then stores in a
     * queue only the events its route takes, instead of every route receiving, journaling and acknowledging every
     * event just to drop most of them. Correctness never rests on the queue filter: the route's consumer uses the
     * same selector.
     *
     * <p>A queue that exists with another filter (the route's selector changed) first loses the waiting messages the
     * new selector excludes (its consumer would never take them); it is then recreated with the new filter when
     * nothing else waits in it, or keeps the old one, with a warning, until a later start finds it empty.
     */
    public void ensureFiltered(Map<String, String> filterByQueue) {
        ActiveMQConnectionFactory artemis = unwrap(connectionFactory);
        // the locator belongs to the connection factory and stays open; only this session factory is ours to close
        ServerLocator locator = artemis.getServerLocator();
        try (ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(artemis.getUser(), artemis.getPassword(), false, true, true,
                     false, 1)) {
            SimpleString address = SimpleString.of(events.address());
            if (!session.addressQuery(address).isExists()) {
                session.createAddress(address, RoutingType.MULTICAST, false);
            }
            for (Map.Entry<String, String> q : filterByQueue.entrySet()) {
                SimpleString name = SimpleString.of(q.getKey());
                String filter = q.getValue() == null ? "" : q.getValue().trim();
                QueueConfiguration config = QueueConfiguration.of(name).setAddress(address)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true)
                        .setFilterString(filter.isEmpty() ? null : filter);
                var existing = session.queueQuery(name);
                String was = existing.getFilterString() == null ? "" : existing.getFilterString().toString();
                if (!existing.isExists()) {
                    session.createQueue(config);
                    log.info("Created durable queue {}::{}{}", events.address(), q.getKey(),
                            filter.isEmpty() ? "" : " with filter " + filter);
                } else if (!filter.equals(was)) {
                    refilter(session, config, filter, was);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the event queues " + filterByQueue.keySet()
                    + " on the broker: " + e.getMessage(), e);
        }
    }

    private void refilter(ClientSession session, QueueConfiguration config, String filter, String was)
            throws Exception {
        SimpleString name = config.getName();
        if (!filter.isEmpty()) {
            session.start();
            try (ClientRequestor requestor = new ClientRequestor(session, ops.managementAddress())) {
                manage(session, requestor, ResourceNames.QUEUE + name, "removeMessages", "NOT (" + filter + ")");
            }
        }
        long waiting = session.queueQuery(name).getMessageCount();
        if (waiting == 0) {
            try {
                session.deleteQueue(name);
                session.createQueue(config);
                log.info("Queue {}::{} now filters on {} (was {})", events.address(), name,
                        filter.isEmpty() ? "nothing" : filter, was.isEmpty() ? "nothing" : was);
                return;
            } catch (Exception e) {
                log.debug("queue {} could not be recreated now", name, e);
            }
        }
        log.warn("Queue {}::{} keeps its filter {} for now ({} message(s) wait in it, or another hub instance "
                        + "consumes it); its route takes only {} meanwhile, and a later start applies the new filter",
                events.address(), name, was.isEmpty() ? "(none)" : was, waiting,
                filter.isEmpty() ? "every event" : filter);
    }

    private void manage(ClientSession session, ClientRequestor requestor, String resource, String operation,
                               Object argument) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, resource, operation, argument);
        ClientMessage reply = requestor.request(request, 5_000);
        if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("the broker refused " + resource + "." + operation + ": "
                    + (reply == null ? "no answer within 5 s" : ManagementHelper.getResult(reply))
                    + " (an external broker's hub user needs the manage permission on " + ops.managementAddress()
                    + ")");
        }
    }

    public static ActiveMQConnectionFactory unwrap(ConnectionFactory cf) {
        ConnectionFactory current = cf;
        for (int i = 0; i < 5; i++) {
            if (current instanceof ActiveMQConnectionFactory a) {
                return a;
            }
            if (current instanceof CachingConnectionFactory c) {
                current = c.getTargetConnectionFactory();
            } else if (current instanceof DelegatingConnectionFactory d) {
                current = d.getTargetConnectionFactory();
            } else {
                break;
            }
        }
        throw new IllegalStateException("The hub needs an Artemis connection factory, found "
                + cf.getClass().getName());
    }
}
