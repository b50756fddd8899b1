package org.aftersaleshub.ticket;

import java.time.Instant;
import org.aftersaleshub.model.TicketStatus;

/**
 * One row of a ticket's status history: a status change or an assignment.
 *
 * @param id         increasing; orders the history
 * @param fromStatus status before, absent for creation
 * @param toStatus   status after (for a reassignment it equals {@code fromStatus})
 * @param assigneeId assignee after the change, when it is an assignment
 * @param actor      API key name (or {@code system}) that made the change
 * @param reason     reason given, if any
 * @param eventId    the event written with the change
 * @param changedAt  when
 */
public record StatusChange(long id, String ticketId, TicketStatus fromStatus, TicketStatus toStatus,
                           String assigneeId, String actor, String reason, String eventId, Instant changedAt) {
}
