package org.aftersaleshub.model.event;

/** An engineer was assigned (or the ticket was reassigned; previousAssigneeId is then set). */
public record TicketAssigned(String ticketId, String assigneeId, String previousAssigneeId, String assignedBy) implements HubEvent {
}
