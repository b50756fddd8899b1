package org.aftersaleshub.crm;

import java.time.Instant;
import java.util.Map;
import org.aftersaleshub.model.Contact;
import org.aftersaleshub.model.Customer;
import org.aftersaleshub.model.event.CustomerChanged;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces that a customer changed: a {@link CustomerChanged} event with the customer as it now is, written to the
 * outbox in the caller's transaction (with the change, or not at all). Every writer of the {@code customer} table
 * calls {@link #changed(String)} after a change — the master-data API and the import for the hub's fields, this
 * package for the CRM's — and routes/crm-customer-upsert.yaml takes it to the CRM, which sends nothing when the
 * fields it would send are those it sent last time.
 */
@Component
public class CustomerEvents {

    /** The key of the customer's CRM id in {@link Customer#externalIds()}. */
    public static final String CRM_ID = "crm";

    private final CrmCustomers customers;
    private final OutboxWriter outbox;

    public CustomerEvents(CrmCustomers customers, OutboxWriter outbox) {
        this.customers = customers;
        this.outbox = outbox;
    }

    /**
     * Writes {@code CustomerChanged} for the customer as the caller's transaction sees it now. Call after the change,
     * inside its transaction (refused outside one).
     *
     * @throws IllegalArgumentException when there is no such customer
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope changed(String customerId) {
        CrmCustomers.Row r = customers.find(customerId).orElseThrow(() -> new IllegalArgumentException(
                "no customer " + customerId));
        Customer c = new Customer(r.id(), r.crmId() == null ? Map.of() : Map.of(CRM_ID, r.crmId()), r.name(),
                r.contacts().stream().map(k -> new Contact(k.name(), k.phone(), null, null)).toList(), r.region(),
                r.tier());
        return outbox.append(new CustomerChanged(c), 0, Instant.now());
    }
}
