package org.aftersaleshub.masterdata.device;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataProblems;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.aftersaleshub.masterdata.customer.CustomerRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, replaces, deletes, searches and upserts devices, each checked by {@link DeviceRules}; audited by serial. */
@Service
public class DeviceService {

    static final String ENTITY = "device";
    static final String ZH = "设备";

    private final DeviceRepository devices;
    private final CustomerRepository customers;
    private final Warranty warranty;
    private final AuditLog audit;

    DeviceService(DeviceRepository devices, CustomerRepository customers, Warranty warranty, AuditLog audit) {
        this.devices = devices;
        this.customers = customers;
        this.warranty = warranty;
        this.audit = audit;
    }

    @Transactional
    public Device create(DeviceRequest r, String actor) {
        if (r.version() != null) {
            throw MasterDataProblems.versionOnCreate();
        }
        Violation.throwIfAny(DeviceRules.check(r, customers::exists));
        Device d = build(r, null);
        if (devices.find(d.serial()).isPresent()) {
            throw MasterDataProblems.exists(ENTITY, ZH, "serial", d.serial());
        }
        devices.insert(d);
        audit.record(actor, "device.create", "device:" + d.serial(), "version=1");
        return withWarranty(d);
    }

    @Transactional(readOnly = true)
    public Device get(String serial) {
        return find(serial).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "serial", serial));
    }

    /** The device with its warranty state for today, if the serial is known. */
    @Transactional(readOnly = true)
    public Optional<Device> find(String serial) {
        return devices.find(serial).map(this::withWarranty);
    }

    @Transactional
    public Device replace(String serial, DeviceRequest r, String actor) {
        DeviceRequest full = new DeviceRequest(serial, r.model(), r.productLine(), r.customerId(), r.purchaseDate(),
                r.warrantyEnd(), r.version());
        DeviceRequest asSent = r.serial() == null ? full : r;
        // as for staff: the body's own fields, then whether the record exists, then version and references
        if (r.version() != null && r.version() < 1) {
            throw MasterDataProblems.versionProblem(r.version());
        }
        Violation.throwIfAny(DeviceRules.check(asSent, customerId -> true));
        Device current = devices.lock(serial)
                .orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "serial", serial));
        throwIfBadVersion(r.version());
        if (r.serial() != null && !r.serial().strip().equals(serial)) {
            throw MasterDataProblems.keyMismatch("serial");
        }
        Violation.throwIfAny(DeviceRules.check(full, customers::exists));
        if (r.version() != current.version()) {
            throw MasterDataProblems.staleVersion(ENTITY, serial, r.version(), current.version());
        }
        Device next = build(full, current);
        devices.update(next, current.version());
        audit.record(actor, "device.replace", "device:" + serial, "version=" + next.version());
        return withWarranty(next);
    }

    @Transactional
    public void delete(String serial, String actor) {
        if (!devices.delete(serial)) {
            throw MasterDataProblems.notFound(ENTITY, ZH, "serial", serial);
        }
        audit.record(actor, "device.delete", "device:" + serial, "");
    }

    @Transactional(readOnly = true)
    public MasterDataPage<Device> search(String text, String customerId, String productLine, int page, int size) {
        MasterDataPage<Device> p = devices.search(text, customerId, productLine, page, size);
        return new MasterDataPage<>(p.items().stream().map(this::withWarranty).toList(), p.page(), p.size(),
                p.total());
    }

    /** Whether each known serial among {@code serials} is in warranty today; unknown ones are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<String, Boolean> inWarranty(java.util.Collection<String> serials) {
        java.util.Map<String, Boolean> out = new java.util.HashMap<>();
        devices.warrantyEnds(serials).forEach((serial, end) -> out.put(serial, warranty.inWarranty(end)));
        return out;
    }

    /** Every device of a customer with its warranty state, by serial. */
    @Transactional(readOnly = true)
    public List<Device> ofCustomer(String customerId) {
        return devices.ofCustomer(customerId).stream().map(this::withWarranty).toList();
    }

    /** The rules of {@code r}; {@code earlierCustomer} also accepts customers not (yet) in the table. */
    public List<Violation> check(DeviceRequest r, Predicate<String> earlierCustomer) {
        return DeviceRules.check(r, id -> earlierCustomer.test(id) || customers.exists(id));
    }

    /** Writes a checked request by serial: created, updated (version + 1) or, when identical, left alone. */
    @Transactional
    public WriteOutcome upsert(DeviceRequest r, String actor) {
        Optional<Device> current = devices.lock(r.serial().strip());
        if (current.isEmpty()) {
            Device d = build(r, null);
            devices.insert(d);
            audit.record(actor, "device.create", "device:" + d.serial(), "source=import");
            return WriteOutcome.CREATED;
        }
        Device next = build(r, current.get());
        if (next.sameContent(current.get())) {
            return WriteOutcome.UNCHANGED;
        }
        devices.update(next, current.get().version());
        audit.record(actor, "device.replace", "device:" + next.serial(), "source=import");
        return WriteOutcome.UPDATED;
    }

    private Device withWarranty(Device d) {
        return d.withWarranty(warranty.inWarranty(d.warrantyEnd()));
    }

    private static Device build(DeviceRequest r, Device current) {
        Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
        return new Device(r.serial().strip(), Rules.clean(r.model()), Rules.clean(r.productLine()),
                r.customerId().strip(), r.purchaseDate(), r.warrantyEnd(), null,
                current == null ? now : current.createdAt(), now, current == null ? 1 : current.version() + 1);
    }

    private static void throwIfBadVersion(Long version) {
        org.aftersaleshub.web.ApiProblem p = MasterDataProblems.versionProblem(version);
        if (p != null) {
            throw p;
        }
    }
}
