package org.aftersaleshub.model.event;

import org.aftersaleshub.model.TicketStatus;

/** The ticket was cancelled from an open status. */
public record TicketCancelled(String ticketId, TicketStatus from, String reason) implements HubEvent {
}
