package org.aftersaleshub.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.events.*}: where events travel.
 *
 * @param address   multicast address the outbox relay publishes every event to; each route consuming events
 *                  reads its own durable queue {@code <address>::<route-queue>} on it (default {@code hub.events})
 * @param consumers concurrent consumers per route queue; message groups keep one ticket's events on one
 *                  consumer at a time, so this is the ticket-level parallelism (default 4)
 */
@ConfigurationProperties("hub.events")
public record EventsProperties(String address, Integer consumers) {

    public EventsProperties {
        address = address == null || address.isBlank() ? "hub.events" : address;
        consumers = consumers == null || consumers < 1 ? 4 : consumers;
    }

    /** The fully qualified queue name of one route's subscription. */
    public String queue(String routeQueue) {
        return address + "::" + routeQueue;
    }
}
