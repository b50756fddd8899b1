package org.aftersaleshub.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.crm.CrmConnector;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.imcallback.CallbackPlatform;
import org.aftersaleshub.imcallback.StoredEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies CRM changes to the hub's customers: a data-change callback (stored, verified and deduplicated by
 * {@code messageId} in the imcallback machinery, handed over here by its worker) names a record; the record is
 * fetched with its contacts and {@link #apply applied}. The poller applies the records it reads the same way. A
 * record whose CRM-owned fields hash as the hub holds them is the hub's own write or a change applied before: nothing
 * is written and no event is raised, so nothing goes back to the CRM.
 */
@Component
public class CrmChangeEvents implements StoredEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CrmChangeEvents.class);

    private final ObjectMapper json;
    private final CrmProperties props;
    private final CrmInstance instance;
    private final CrmCustomers customers;
    private final CustomerEvents events;

    public CrmChangeEvents(ObjectMapper json, CrmProperties props, CrmInstance instance, CrmCustomers customers,
                           CustomerEvents events) {
        this.json = json;
        this.props = props;
        this.instance = instance;
        this.customers = customers;
        this.events = events;
    }

    @Override
    public CallbackPlatform platform() {
        return CallbackPlatform.FXIAOKE;
    }

    /** A data-change event: its record fetched and applied (in the worker's transaction). */
    @Override
    public Handled handle(String instanceName, String eventType, String payload) {
        Optional<CrmInstance.Resolved> crm = instance.named(instanceName);
        if (crm.isEmpty()) {
            return new Handled(false, "not the CRM instance the customer sync uses (hub.crm.instance)");
        }
        JsonNode e;
        try {
            e = json.readTree(payload);
        } catch (Exception ex) {
            return new Handled(false, "the event is not JSON");
        }
        String apiName = e.path("apiName").asText("");
        String dataId = e.path("dataId").asText("");
        CrmConnector c = crm.get().crm();
        String accountId = dataId;
        if (apiName.equals(props.contactObject())) {
            // a contact changed: its customer's contact list is refreshed
            accountId = c.get(apiName, dataId).map(r -> r.text(props.contactAccountField())).orElse(null);
        } else if (!apiName.equals(props.accountObject())) {
            return new Handled(false, apiName + " is not synced");
        }
        if (accountId == null) {
            return new Handled(false, apiName + " " + dataId + " is gone or names no customer");
        }
        Optional<CrmRecord> account = c.get(props.accountObject(), accountId);
        if (account.isEmpty()) {
            // invalidated and deleted records stay linked; someone decides in the hub (docs/crm.md)
            return new Handled(false, props.accountObject() + " " + accountId + " is gone (" + eventType + ")");
        }
        return apply(c, account.get());
    }

    /** Applies one customer record (with its contacts, read now) to the hub customer it belongs to, if any. */
    public Handled apply(CrmConnector c, CrmRecord account) {
        List<CrmRecord> contacts = c.findBy(props.contactObject(), props.contactAccountField(), account.id(), 50);
        CrmCustomer crm = CrmCustomer.of(account, contacts, props);
        Optional<String> id = customers.idOf(crm);
        if (id.isEmpty()) {
            return new Handled(false, props.accountObject() + " " + account.id() + " belongs to no hub customer");
        }
        CrmCustomers.Applied a = customers.apply(id.get(), crm, Instant.now());
        if (a == CrmCustomers.Applied.CHANGED) {
            events.changed(id.get());
        } else if (a == CrmCustomers.Applied.CONFLICT) {
            log.warn("{} {} belongs to customer {} by its key but another customer holds it", props.accountObject(),
                    account.id(), id.get());
        }
        return new Handled(a == CrmCustomers.Applied.CHANGED, "customer " + id.get() + ": " + a);
    }
}
