package org.aftersaleshub.model.event;

/** The assignee accepted the ticket (接单), from the API or an IM button. */
public record TicketAccepted(String ticketId, String assigneeId) implements HubEvent {
}
