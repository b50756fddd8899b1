package org.aftersaleshub.model.event;

import org.aftersaleshub.model.TicketStatus;

/**
 * A status change without a more specific event: IN_PROGRESS, WAITING_PARTS, and the reopen (重新打开) RESOLVED →
 * IN_PROGRESS, whose reason says why.
 */
public record TicketStatusChanged(String ticketId, TicketStatus from, TicketStatus to, String reason) implements HubEvent {
}
