package org.aftersaleshub.masterdata.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.crm.CustomerEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataProblems;
import org.aftersaleshub.masterdata.MasterDataService;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, replaces, deletes, searches and upserts customers, each checked by {@link CustomerRules}. Each change
 * bumps the version and is audited by id only (names and phone numbers are personal data).
 */
@Service
public class CustomerService extends MasterDataService<Customer, CustomerRequest> {

    static final Kind<Customer, CustomerRequest> KIND = new Kind<>("customer", "客户", "id", Customer::id,
            Customer::version, CustomerRequest::id, CustomerRequest::version, CustomerService::withId);

    private final CustomerRepository customers;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<CustomerEvents> events;

    @Autowired
    CustomerService(CustomerRepository customers, JdbcTemplate jdbc, AuditLog audit,
                    ObjectProvider<CustomerEvents> events) {
        this(customers, jdbc, audit, Clock.systemUTC(), events);
    }

    CustomerService(CustomerRepository customers, JdbcTemplate jdbc, AuditLog audit, Clock clock,
                    ObjectProvider<CustomerEvents> events) {
        super(KIND, customers, audit);
        this.events = events;
        this.customers = customers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Customer create(CustomerRequest r, String actor) {
        return createRecord(r, actor);
    }

    @Transactional(readOnly = true)
    public Customer get(String id) {
        return getRecord(id);
    }

    @Transactional
    public Customer replace(String id, CustomerRequest r, String actor) {
        return replaceRecord(id, r, actor);
    }

    /** Deletes a customer no device refers to (tickets keep their customerId as text). */
    @Transactional
    public void delete(String id, String actor) {
        customers.lock(id).orElseThrow(() -> notFound(id));
        Integer devices = jdbc.queryForObject("select count(*) from device where customer_id = ?", Integer.class, id);
        if (devices != null && devices > 0) {
            throw MasterDataProblems.inUse(KIND.entity(), KIND.zh(), id, devices + " device(s) (设备)");
        }
        customers.delete(id);
        audit.record(actor, "customer.delete", "customer:" + id, "");
    }

    @Transactional(readOnly = true)
    public MasterDataPage<Customer> search(String text, String region, CustomerTier tier, int page, int size) {
        return customers.search(text, region, tier, page, size);
    }

    /** The rules of {@code r} without writing (the import checks rows before any is written). */
    public List<Violation> check(CustomerRequest r) {
        return CustomerRules.check(r);
    }

    /**
     * Writes a checked request by id in the caller's transaction: created, updated (version + 1) or, when identical,
     * left alone. {@code keepContacts}: a request without contacts keeps the stored ones (an import row names at
     * most one contact and may name none).
     */
    @Transactional
    public WriteOutcome upsert(CustomerRequest r, String source, boolean keepContacts, String actor) {
        return upsert(r, source, keepContacts, true, actor);
    }

    /**
     * {@link #upsert(CustomerRequest, String, boolean, String)}; {@code crmPush} false: a created or changed customer
     * is not announced to the CRM but recorded as what the CRM holds ({@link CustomerEvents#baseline}), so only a
     * later change of what the hub sends reaches the CRM (the import's {@code crmPush=false}, docs/import.md).
     */
    @Transactional
    public WriteOutcome upsert(CustomerRequest r, String source, boolean keepContacts, boolean crmPush, String actor) {
        String detail = "source=" + source + (crmPush ? "" : " crmPush=false");
        Optional<Customer> current = customers.lock(r.id().strip());
        if (current.isEmpty()) {
            Customer c = build(r, source, null);
            checkUnique(c);
            customers.insert(c);
            announce(c.id(), crmPush);
            audit.record(actor, "customer.create", "customer:" + c.id(), detail);
            return WriteOutcome.CREATED;
        }
        Customer old = current.get();
        CustomerRequest effective = keepContacts && (r.contacts() == null || r.contacts().isEmpty())
                ? new CustomerRequest(r.id(), r.name(), r.phone(), r.region(), r.tier(), r.address(), r.crmId(),
                r.erpCustomerCode(), old.contacts(), null) : r;
        Customer next = build(effective, old.source(), old);
        if (next.sameContent(old)) {
            return WriteOutcome.UNCHANGED;
        }
        checkUnique(next);
        customers.update(next, old.version());
        announce(old.id(), crmPush);
        audit.record(actor, "customer.replace", "customer:" + old.id(), detail);
        return WriteOutcome.UPDATED;
    }

    private void announce(String id, boolean crmPush) {
        if (crmPush) {
            changed(id);
        } else {
            events.ifAvailable(e -> e.baseline(id));
        }
    }

    /** CustomerChanged in this transaction, so the CRM flow (routes/crm-customer-upsert.yaml) hears of it. */
    private void changed(String id) {
        events.ifAvailable(e -> e.changed(id));
    }

    /** A CRM id belongs to one customer. */
    @Override
    protected void checkUnique(Customer c) {
        if (c.crmId() != null) {
            customers.holderOfCrmId(c.crmId(), c.id()).ifPresent(holder -> {
                throw new ApiProblem(HttpStatus.CONFLICT, "customer-duplicate", "已被其他客户占用 (already used)",
                        "The CRM id is already on customer " + holder + "; each may belong to one customer.")
                        .with("conflictingCustomerId", holder)
                        .with("errors", List.of(new FieldViolation("crmId", "unique",
                                "is already used by customer " + holder)));
            });
        }
    }

    @Override
    protected List<Violation> rules(CustomerRequest r, boolean references) {
        return CustomerRules.check(r);
    }

    @Override
    protected boolean sameContent(Customer next, Customer current) {
        return next.sameContent(current);
    }

    /** CustomerChanged with the write (an API create or replace). */
    @Override
    protected void written(Customer c) {
        changed(c.id());
    }

    /** From the API: source api when new, else the source it has. */
    @Override
    protected Customer build(CustomerRequest r, Customer current) {
        return build(r, current == null ? "api" : current.source(), current);
    }

    private Customer build(CustomerRequest r, String source, Customer current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<CustomerContact> contacts = r.contacts() == null ? List.of() : r.contacts().stream()
                .map(k -> new CustomerContact(Rules.clean(k.name()), Rules.clean(k.phone()), Rules.clean(k.title())))
                .toList();
        return new Customer(r.id().strip(), Rules.clean(r.name()), Rules.clean(r.phone()), Rules.clean(r.region()),
                CustomerTier.parse(r.tier()).orElse(null), Rules.clean(r.address()), Rules.clean(r.crmId()),
                Rules.clean(r.erpCustomerCode()), contacts, source, current == null ? now : current.createdAt(), now,
                current == null ? 1 : current.version() + 1);
    }

    private static CustomerRequest withId(CustomerRequest r, String id) {
        return new CustomerRequest(id, r.name(), r.phone(), r.region(), r.tier(), r.address(), r.crmId(),
                r.erpCustomerCode(), r.contacts(), r.version());
    }

}
