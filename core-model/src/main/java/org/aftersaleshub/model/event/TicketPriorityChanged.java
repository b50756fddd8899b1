package org.aftersaleshub.model.event;

import org.aftersaleshub.model.Priority;

/**
 * The ticket's priority changed: by the API ({@code POST /api/v1/tickets/{id}/priority}) or by 自动升级 (an
 * escalation step raising it one level). The SLA deadlines are recomputed in the same transaction.
 *
 * @param changedBy the API caller, or {@code sla:<rule id>} for an escalation
 */
public record TicketPriorityChanged(String ticketId, Priority from, Priority to, String changedBy, String reason)
        implements HubEvent {
}
