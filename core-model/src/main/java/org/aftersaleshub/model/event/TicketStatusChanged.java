package org.aftersaleshub.model.event;

import org.aftersaleshub.model.TicketStatus;

/** A status change without a more specific event (IN_PROGRESS, WAITING_PARTS). */
public record TicketStatusChanged(String ticketId, TicketStatus from, TicketStatus to, String reason) implements HubEvent {
}
