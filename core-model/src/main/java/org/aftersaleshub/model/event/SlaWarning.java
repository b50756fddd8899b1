package org.aftersaleshub.model.event;

import java.time.Instant;

/**
 * An SLA deadline (RESPONSE or RESOLUTION) is near: the policy's warning fraction of its time has passed.
 *
 * @param policy the SLA policy id from rules/sla.yaml, or null
 * @param late   true when the hub sent the warning noticeably after it was due (it was down or behind)
 */
public record SlaWarning(String ticketId, String slaKind, Instant dueAt, String policy, boolean late)
        implements HubEvent {

    public SlaWarning(String ticketId, String slaKind, Instant dueAt) {
        this(ticketId, slaKind, dueAt, null, false);
    }
}
