package org.aftersaleshub.masterdata.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataService;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.aftersaleshub.masterdata.customer.CustomerRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, replaces, deletes, searches and upserts devices, each checked by {@link DeviceRules}; audited by serial. */
@Service
public class DeviceService extends MasterDataService<Device, DeviceRequest> {

    static final Kind<Device, DeviceRequest> KIND = new Kind<>("device", "设备", "serial", Device::serial,
            Device::version, DeviceRequest::serial, DeviceRequest::version, (r, serial) -> new DeviceRequest(serial,
                    r.model(), r.productLine(), r.customerId(), r.purchaseDate(), r.warrantyEnd(), r.version()));

    private final DeviceRepository devices;
    private final CustomerRepository customers;
    private final Warranty warranty;

    DeviceService(DeviceRepository devices, CustomerRepository customers, Warranty warranty, AuditLog audit) {
        super(KIND, devices, audit);
        this.devices = devices;
        this.customers = customers;
        this.warranty = warranty;
    }

    @Transactional
    public Device create(DeviceRequest r, String actor) {
        return createRecord(r, actor);
    }

    @Transactional(readOnly = true)
    public Device get(String serial) {
        return getRecord(serial);
    }

    /** The device with its warranty state for today, if the serial is known. */
    @Transactional(readOnly = true)
    public Optional<Device> find(String serial) {
        return devices.find(serial).map(this::view);
    }

    @Transactional
    public Device replace(String serial, DeviceRequest r, String actor) {
        return replaceRecord(serial, r, actor);
    }

    @Transactional
    public void delete(String serial, String actor) {
        if (!devices.delete(serial)) {
            throw notFound(serial);
        }
        audit.record(actor, "device.delete", "device:" + serial, "");
    }

    @Transactional(readOnly = true)
    public MasterDataPage<Device> search(String text, String customerId, String productLine, int page, int size) {
        MasterDataPage<Device> p = devices.search(text, customerId, productLine, page, size);
        return new MasterDataPage<>(p.items().stream().map(this::view).toList(), p.page(), p.size(), p.total());
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
        return devices.ofCustomer(customerId).stream().map(this::view).toList();
    }

    /** The rules of {@code r}; {@code earlierCustomer} also accepts customers not (yet) in the table. */
    public List<Violation> check(DeviceRequest r, Predicate<String> earlierCustomer) {
        return DeviceRules.check(r, id -> earlierCustomer.test(id) || customers.exists(id));
    }

    /** Writes a checked request by serial: created, updated (version + 1) or, when identical, left alone. */
    @Transactional
    public WriteOutcome upsert(DeviceRequest r, String actor) {
        return upsertRecord(r, actor);
    }

    /** The customer must exist (a reference); the body alone accepts any. */
    @Override
    protected List<Violation> rules(DeviceRequest r, boolean references) {
        return DeviceRules.check(r, references ? customers::exists : customerId -> true);
    }

    @Override
    protected boolean sameContent(Device next, Device current) {
        return next.sameContent(current);
    }

    /** With its warranty state for today. */
    @Override
    protected Device view(Device d) {
        return d.withWarranty(warranty.inWarranty(d.warrantyEnd()));
    }

    @Override
    protected Device build(DeviceRequest r, Device current) {
        Instant now = now();
        return new Device(r.serial().strip(), Rules.clean(r.model()), Rules.clean(r.productLine()),
                r.customerId().strip(), r.purchaseDate(), r.warrantyEnd(), null,
                current == null ? now : current.createdAt(), now, current == null ? 1 : current.version() + 1);
    }
}
