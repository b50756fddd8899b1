package org.aftersaleshub.model.event;

/** The work is done; starts the survey timer. */
public record TicketResolved(String ticketId, String assigneeId, String resolution) implements HubEvent {
}
