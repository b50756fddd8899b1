package org.aftersaleshub.model.event;

import org.aftersaleshub.model.PartUsage;

/** A used part came back; the ERP route books a compensating inbound document keyed by the usage id. */
public record PartReturned(String ticketId, String partUsageId, PartUsage usage, String reason) implements HubEvent {
}
