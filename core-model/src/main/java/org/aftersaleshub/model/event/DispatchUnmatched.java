package org.aftersaleshub.model.event;

/**
 * No dispatch rule found an engineer for a new ticket (rules/dispatch.yaml): it stays unassigned in the fallback
 * queue (待分派). Notification routes tell the supervisors of its region.
 *
 * @param region    the ticket's region, whose supervisors are told
 * @param faultType the ticket's fault type
 * @param queue     the fallback queue the ticket waits in
 * @param reason    why nobody was chosen, e.g. "no rule matched" or "rule 硬件维修: no active engineer"
 */
public record DispatchUnmatched(String ticketId, String region, String faultType, String queue, String reason)
        implements HubEvent {
}
