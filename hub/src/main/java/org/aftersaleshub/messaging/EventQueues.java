package org.aftersaleshub.messaging;

import jakarta.jms.ConnectionFactory;
import java.util.Collection;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
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

    public EventQueues(ConnectionFactory connectionFactory, EventsProperties events) {
        this.connectionFactory = connectionFactory;
        this.events = events;
    }

    /** Creates the missing ones among these route queues (names without the address part). */
    public void ensure(Collection<String> routeQueues) {
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
            for (String q : routeQueues) {
                SimpleString name = SimpleString.of(q);
                if (!session.queueQuery(name).isExists()) {
                    session.createQueue(QueueConfiguration.of(name).setAddress(address)
                            .setRoutingType(RoutingType.MULTICAST).setDurable(true));
                    log.info("Created durable queue {}::{}", events.address(), q);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the event queues " + routeQueues + " on the broker: "
                    + e.getMessage(), e);
        }
    }

    static ActiveMQConnectionFactory unwrap(ConnectionFactory cf) {
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
