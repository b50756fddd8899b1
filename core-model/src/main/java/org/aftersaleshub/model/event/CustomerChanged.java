package org.aftersaleshub.model.event;

import org.aftersaleshub.model.Customer;

/** A customer record changed (from the CRM or the API). */
public record CustomerChanged(Customer customer) implements HubEvent {

    @Override
    public String ticketId() {
        return null;
    }
}
