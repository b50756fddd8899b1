package org.aftersaleshub.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.crm.CrmOperations;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.connector.crm.Criterion;
import org.aftersaleshub.connector.crm.MatchResult;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.event.CustomerChanged;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.TicketClosed;
import org.aftersaleshub.model.event.TicketCreated;
import org.aftersaleshub.model.event.TicketResolved;
import org.aftersaleshub.ticket.TicketService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's own steps of the CRM routes (routes/crm-*.yaml): reading the event, building the CRM operation's body and
 * taking its answer into the customer table. The calls themselves are endpoints in the YAML
 * ({@code ${header.hubCrmType}:${header.hubCrmInstance}?operation=find|upsert|create-record}).
 */
@Component("crmFlows")
public class CrmFlows {

    /** Header: the CRM connector type ({@code fxiaoke}). */
    public static final String CRM_TYPE = "hubCrmType";
    /** Header: the CRM connector instance. */
    public static final String CRM_INSTANCE = "hubCrmInstance";
    /** Header: true when the next CRM call is needed (false: no CRM declared, or nothing to do). */
    public static final String NEEDED = "hubCrmNeeded";
    /** Header: the hub customer id the route works on. */
    public static final String CUSTOMER_ID = "hubCustomerId";
    static final String ACCOUNT = "hubCrmAccount";
    static final String SENT_HASH = "hubCrmSentHash";
    static final String SENT_VALUES = "hubCrmSentValues";

    private static final Logger log = LoggerFactory.getLogger(CrmFlows.class);

    private final ObjectMapper mapper;
    private final CrmProperties props;
    private final CrmInstance instance;
    private final CrmCustomers customers;
    private final CustomerEvents events;
    private final TicketService tickets;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public CrmFlows(ObjectMapper mapper, CrmProperties props, CrmInstance instance, CrmCustomers customers,
                    CustomerEvents events, TicketService tickets, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.mapper = mapper;
        this.props = props;
        this.instance = instance;
        this.customers = customers;
        this.events = events;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    // ------------------------------------------------------------------ TicketCreated → match and enrich

    /**
     * For a TicketCreated whose customer the hub does not know, or knows without a CRM id: body a
     * {@link CrmOperations.FindRequest} with the criteria in {@code hub.crm.match-by} order; {@code hubCrmNeeded}
     * false otherwise.
     */
    public void matchRequest(Exchange ex) throws Exception {
        Ticket ticket = ((TicketCreated) event(ex).data()).ticket();
        Message m = ex.getMessage();
        m.setHeader(CUSTOMER_ID, ticket.customerId());
        if (!target(m)) {
            return;
        }
        Optional<CrmCustomers.Row> known = customers.find(ticket.customerId());
        if (known.isPresent() && known.get().crmId() != null) {
            m.setHeader(NEEDED, false);
            return;
        }
        String reporterPhone = jdbc.queryForList("select reporter_phone from ticket where id = ?", String.class,
                ticket.id()).stream().filter(p -> p != null && !p.isBlank()).findFirst().orElse(null);
        List<Criterion> criteria = new ArrayList<>();
        for (CrmProperties.MatchBy by : props.matchBy()) {
            switch (by) {
                case EXTERNAL_ID -> criteria.add(new Criterion(props.externalKeyField(), ticket.customerId()));
                case PHONE -> {
                    String phone = reporterPhone != null ? reporterPhone : known.map(CrmCustomers.Row::phone)
                            .orElse(null);
                    if (props.field("phone") != null) {
                        criteria.add(new Criterion(props.field("phone"), phone));
                    }
                }
                case NAME -> {
                    if (props.field("name") != null) {
                        criteria.add(new Criterion(props.field("name"), known.map(CrmCustomers.Row::name)
                                .orElse(null)));
                    }
                }
            }
        }
        m.setHeader(NEEDED, true);
        // two are enough to see that a match is not unique
        m.setBody(new CrmOperations.FindRequest(props.accountObject(), criteria, 2));
    }

    /**
     * After {@code find} on the customer object: when exactly one record matched, body the
     * {@link CrmOperations.FindRequest} of its contacts; {@code hubCrmNeeded} false when none or several matched
     * (several: nobody guesses which — logged for someone to merge in the CRM).
     */
    public void contactsRequest(Exchange ex) {
        MatchResult match = ex.getMessage().getBody(MatchResult.class);
        Message m = ex.getMessage();
        if (match == null || !match.unique()) {
            m.setHeader(NEEDED, false);
            if (match != null && !match.records().isEmpty()) {
                log.warn("Customer {}: {} {} records match by {}; none is taken (merge them in the CRM)",
                        m.getHeader(CUSTOMER_ID), match.records().size(), props.accountObject(),
                        match.matchedBy().field());
            } else {
                log.info("Customer {}: no {} record matches", m.getHeader(CUSTOMER_ID), props.accountObject());
            }
            return;
        }
        CrmRecord account = match.records().get(0);
        ex.setProperty(ACCOUNT, account);
        m.setBody(new CrmOperations.FindRequest(props.contactObject(),
                List.of(new Criterion(props.contactAccountField(), account.id())), 50));
    }

    /** After {@code find} on the contacts: the customer created or enriched from the record, announced once. */
    public void enrich(Exchange ex) {
        CrmRecord account = ex.getProperty(ACCOUNT, CrmRecord.class);
        MatchResult contacts = ex.getMessage().getBody(MatchResult.class);
        String id = ex.getMessage().getHeader(CUSTOMER_ID, String.class);
        CrmCustomer c = CrmCustomer.of(account, contacts == null ? List.of() : contacts.records(), props);
        String outcome = tx.execute(s -> {
            Instant now = Instant.now();
            if (customers.find(id).isEmpty()) {
                if (customers.idOf(c).isPresent()) {
                    return "CONFLICT";
                }
                customers.create(id, c, now);
                events.changed(id);
                return "CREATED";
            }
            CrmCustomers.Applied a = customers.apply(id, c, now);
            if (a == CrmCustomers.Applied.CHANGED) {
                events.changed(id);
            }
            return a.name();
        });
        if ("CONFLICT".equals(outcome)) {
            log.warn("Customer {}: {} record {} already belongs to another hub customer; not linked", id,
                    props.accountObject(), account.id());
        } else {
            log.info("Customer {} from {} record {}: {}", id, props.accountObject(), account.id(), outcome);
        }
    }

    // ------------------------------------------------------------------ CustomerChanged → upsert

    /**
     * For a CustomerChanged: body the {@link CrmOperations.UpsertRequest} by the hub's id in the external-key field
     * with the hub-owned fields (and, while the customer has no CRM record, the CRM-owned ones that create it);
     * {@code hubCrmNeeded} false when the customer is gone, nothing is mapped, or the same fields were sent before.
     */
    public void upsertRequest(Exchange ex) throws Exception {
        String id = ((CustomerChanged) event(ex).data()).customer().id();
        Message m = ex.getMessage();
        m.setHeader(CUSTOMER_ID, id);
        if (!target(m)) {
            return;
        }
        Optional<CrmCustomers.Row> row = customers.find(id);
        if (row.isEmpty()) {
            m.setHeader(NEEDED, false);
            return;
        }
        CrmCustomers.Row r = row.get();
        Map<String, Object> fields = CustomerEvents.hubOwnedFields(props, r);
        // what the hub owns decides whether anything is new: a repeated event, and the record linked by the first
        // write, send nothing again (CustomerEvents#baseline records the same hash for an import without CRM push)
        String hash = CustomerEvents.hubOwnedHash(fields);
        boolean creates = r.crmId() == null;
        if (creates) {
            // no CRM record yet: the hub's values make it; from then on the CRM owns them
            put(fields, props.field("name"), r.name());
            put(fields, props.field("phone"), r.phone());
            put(fields, props.field("address"), r.address());
        }
        if (fields.isEmpty() || customers.sentHash(id).filter(hash::equals).isPresent()) {
            m.setHeader(NEEDED, false);
            log.debug("Customer {}: nothing new for the CRM", id);
            return;
        }
        m.setHeader(NEEDED, true);
        ex.setProperty(SENT_HASH, hash);
        ex.setProperty(SENT_VALUES, creates ? new CrmCustomer(null, id, r.name(), r.phone(), r.address(), List.of(),
                0) : null);
        m.setBody(new CrmOperations.UpsertRequest(props.accountObject(), props.externalKeyField(), id, fields));
    }

    /** After {@code upsert}: the record linked, what was sent remembered (so a repeated event sends nothing). */
    public void recordUpsert(Exchange ex) {
        Message m = ex.getMessage();
        if (!"DONE".equals(m.getHeader(ConnectorHeaders.OUTCOME, String.class))) {
            return; // journaled as refused by the delivery contract, with the CRM's reason
        }
        String id = m.getHeader(CUSTOMER_ID, String.class);
        String crmId = m.getHeader(ConnectorHeaders.DOCUMENT_NUMBER, String.class);
        boolean created = !Boolean.TRUE.equals(m.getHeader(ConnectorHeaders.ALREADY_EXISTED, Boolean.class));
        CrmCustomer sent = ex.getProperty(SENT_VALUES, CrmCustomer.class);
        String createdHash = created && sent != null && crmId != null ? new CrmCustomer(crmId, id, sent.name(),
                sent.phone(), sent.address(), List.of(), 0).hash() : null;
        String instanceName = m.getHeader(CRM_INSTANCE, String.class);
        tx.executeWithoutResult(s -> {
            customers.linked(id, crmId, createdHash);
            customers.recordSent(id, instanceName, ex.getProperty(SENT_HASH, String.class), crmId, Instant.now());
        });
    }

    // ------------------------------------------------------------------ TicketResolved / TicketClosed → history

    /** Body the {@link CrmOperations.UpsertRequest} of the ticket's service-history record, keyed by its id. */
    public void serviceHistoryRequest(Exchange ex) throws Exception {
        EventEnvelope e = event(ex);
        Message m = ex.getMessage();
        if (!target(m)) {
            return;
        }
        Ticket t = tickets.get(e.ticketId());
        m.setHeader(CUSTOMER_ID, t.customerId());
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> f = props.serviceHistoryFields();
        put(fields, f.get("number"), t.number());
        put(fields, f.get("customer"), customers.find(t.customerId()).map(CrmCustomers.Row::crmId).orElse(null));
        put(fields, f.get("fault-type"), t.faultType());
        put(fields, f.get("status"), t.status().name());
        put(fields, f.get("resolved-at"), t.updatedAt().toEpochMilli());
        if (e.data() instanceof TicketResolved r) {
            put(fields, f.get("resolution"), r.resolution());
        } else if (e.data() instanceof TicketClosed c) {
            put(fields, f.get("satisfaction"), c.satisfactionScore());
        }
        m.setHeader(NEEDED, true);
        m.setBody(new CrmOperations.UpsertRequest(props.serviceHistoryObject(), props.serviceHistoryKeyField(),
                t.id(), fields));
    }

    // ------------------------------------------------------------------ helpers

    /** Sets the instance headers; false (and hubCrmNeeded false) when no CRM is declared. */
    private boolean target(Message m) {
        Optional<CrmInstance.Resolved> crm = instance.get();
        if (crm.isEmpty()) {
            m.setHeader(NEEDED, false);
            log.debug("No CRM connector instance declared; {} not synced", m.getHeader("hubEventType"));
            return false;
        }
        m.setHeader(CRM_TYPE, crm.get().type());
        m.setHeader(CRM_INSTANCE, crm.get().name());
        return true;
    }

    private EventEnvelope event(Exchange ex) throws Exception {
        return mapper.readValue(ex.getProperty(DeliveryProperties.EVENT_JSON, String.class), EventEnvelope.class);
    }

    private static void put(Map<String, Object> fields, String field, Object value) {
        if (field != null && !field.isBlank() && value != null) {
            fields.put(field, value);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
