package org.aftersaleshub.model.event;

import org.aftersaleshub.model.PartUsage;

/** A part usage was recorded; the ERP route deducts stock keyed by usage.id(). */
public record PartConsumed(PartUsage usage) implements HubEvent {

    @Override
    public String ticketId() {
        return usage.ticketId();
    }
}
