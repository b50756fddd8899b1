package org.aftersaleshub.model.event;

import java.time.Instant;

/** An SLA deadline (RESPONSE or RESOLUTION) is near. */
public record SlaWarning(String ticketId, String slaKind, Instant dueAt) implements HubEvent {
}
