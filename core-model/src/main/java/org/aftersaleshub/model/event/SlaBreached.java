package org.aftersaleshub.model.event;

import java.time.Instant;

/** An SLA deadline passed; escalate to the supervisor. */
public record SlaBreached(String ticketId, String slaKind, Instant dueAt) implements HubEvent {
}
