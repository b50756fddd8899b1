package org.aftersaleshub.model.event;

/** The ticket is closed. */
public record TicketClosed(String ticketId, Integer satisfactionScore) implements HubEvent {
}
