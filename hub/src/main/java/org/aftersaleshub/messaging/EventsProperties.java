package org.aftersaleshub.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.events.*}: where events travel.
 *
 * @param address   multicast address the outbox relay publishes every event to; each route consuming events
 *                  reads its own durable queue {@code <address>::<route-queue>} on it (default {@code hub.events})
 * @param consumers concurrent consumers per route queue; message groups keep one ticket's events on one
 *                  consumer at a time, so this is the ticket-level parallelism (default 4)
 * @param memory    how much of the events waiting on the embedded broker's address it keeps on the heap before it
 *                  pages the rest to disk (Artemis {@code max-size-bytes}; default 16 MiB). Artemis counts a message
 *                  at about half what it really holds on the heap, and a backlog (a CRM far behind a 100,000-row
 *                  import, a receiver down) would otherwise take 64 MiB of estimate, over 100 MiB real, from the
 *                  hub's own heap: bench/results/import-2026-12-07-with-crm-events.md. An external broker sets
 *                  its own (docs/operations.md).
 */
@ConfigurationProperties("hub.events")
public record EventsProperties(String address, Integer consumers, DataSize memory) {

    public EventsProperties {
        address = address == null || address.isBlank() ? "hub.events" : address;
        consumers = consumers == null || consumers < 1 ? 4 : consumers;
        memory = memory == null || memory.toBytes() < DataSize.ofMegabytes(1).toBytes()
                ? DataSize.ofMegabytes(16) : memory;
    }

    public EventsProperties(String address, Integer consumers) {
        this(address, consumers, null);
    }

    /** The fully qualified queue name of one route's subscription. */
    public String queue(String routeQueue) {
        return address + "::" + routeQueue;
    }
}
