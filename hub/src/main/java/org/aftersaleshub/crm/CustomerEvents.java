package org.aftersaleshub.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    private final CrmProperties props;
    private final CrmInstance instance;

    public CustomerEvents(CrmCustomers customers, OutboxWriter outbox, CrmProperties props, CrmInstance instance) {
        this.customers = customers;
        this.outbox = outbox;
        this.props = props;
        this.instance = instance;
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

    /**
     * Instead of {@link #changed}: the customer as it now is counts as what the CRM holds. The hash of the hub-owned
     * fields the upsert route would send becomes the last sent one ({@code crm_customer_sent}) and no event is
     * written, so a later change of one of those fields differs from it and is sent once, and a change of anything
     * else sends nothing, as after a real send. For the import's {@code crmPush=false} (docs/import.md). Nothing is
     * recorded when no CRM instance is declared (nothing would be sent either).
     *
     * @throws IllegalArgumentException when there is no such customer
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void baseline(String customerId) {
        Optional<CrmInstance.Resolved> crm = instance.get();
        if (crm.isEmpty()) {
            return;
        }
        CrmCustomers.Row r = customers.find(customerId).orElseThrow(() -> new IllegalArgumentException(
                "no customer " + customerId));
        customers.recordSent(customerId, crm.get().name(), hubOwnedHash(hubOwnedFields(props, r)), r.crmId(),
                Instant.now());
    }

    /** The hub-owned fields the upsert route sends for a customer, by CRM field name ({@code hub.crm.fields}). */
    static Map<String, Object> hubOwnedFields(CrmProperties props, CrmCustomers.Row r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, props.field("tier"), r.tier());
        put(fields, props.field("region"), r.region());
        return fields;
    }

    /** What {@code crm_customer_sent.sent_hash} holds: the hash of {@link #hubOwnedFields}, in key order. */
    static String hubOwnedHash(Map<String, Object> fields) {
        return CrmFlows.hash(new TreeMap<>(fields).toString());
    }

    static void put(Map<String, Object> fields, String field, Object value) {
        if (field != null && !field.isBlank() && value != null) {
            fields.put(field, value);
        }
    }
}
