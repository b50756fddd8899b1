package org.aftersaleshub.model.event;

import org.aftersaleshub.model.Ticket;

/** A ticket was accepted by the hub. */
public record TicketCreated(Ticket ticket) implements HubEvent {

    @Override
    public String ticketId() {
        return ticket.id();
    }
}
