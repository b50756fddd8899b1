package org.aftersaleshub.masterdata.warehouse;

import java.util.List;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.masterdata.ErpInstanceNames;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataService;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, replaces, deactivates, searches and upserts warehouses, checked by {@link WarehouseRules}. */
@Service
public class WarehouseService extends MasterDataService<Warehouse, WarehouseRequest> {

    static final Kind<Warehouse, WarehouseRequest> KIND = new Kind<>("warehouse", "仓库", "code", Warehouse::code,
            Warehouse::version, WarehouseRequest::code, WarehouseRequest::version, (r, code) -> new WarehouseRequest(
                    code, r.name(), r.region(), r.erpInstance(), r.erpCode(), r.notifyChannel(), r.notifyRobot(),
                    r.notifyUsers(), r.active(), r.version()));

    private final WarehouseRepository warehouses;
    private final ErpInstanceNames instances;

    WarehouseService(WarehouseRepository warehouses, ErpInstanceNames instances, AuditLog audit) {
        super(KIND, warehouses, audit);
        this.warehouses = warehouses;
        this.instances = instances;
    }

    @Transactional
    public Warehouse create(WarehouseRequest r, String actor) {
        return createRecord(r, actor);
    }

    @Transactional(readOnly = true)
    public Warehouse get(String code) {
        return getRecord(code);
    }

    @Transactional
    public Warehouse replace(String code, WarehouseRequest r, String actor) {
        return replaceRecord(code, r, actor);
    }

    /** Sets active = false (part usages refer to the code); inactive already: unchanged. */
    @Transactional
    public Warehouse deactivate(String code, String actor) {
        return deactivateRecord(code, actor, c -> !c.active() ? null : new Warehouse(c.code(), c.name(), c.region(),
                c.erpInstance(), c.erpCode(), c.notifyChannel(), c.notifyRobot(), c.notifyUsers(), false,
                c.createdAt(), now(), c.version() + 1));
    }

    @Transactional(readOnly = true)
    public MasterDataPage<Warehouse> search(String text, String region, String erpInstance, Boolean active, int page,
                                            int size) {
        return warehouses.search(text, region, erpInstance, active, page, size);
    }

    public List<Violation> check(WarehouseRequest r) {
        return WarehouseRules.check(r, instances);
    }

    /** Writes a checked request by code: created, updated (version + 1) or, when identical, left alone. */
    @Transactional
    public WriteOutcome upsert(WarehouseRequest r, String actor) {
        return upsertRecord(r, actor);
    }

    @Override
    protected List<Violation> rules(WarehouseRequest r, boolean references) {
        return WarehouseRules.check(r, references ? instances : null);
    }

    @Override
    protected boolean sameContent(Warehouse next, Warehouse current) {
        return next.sameContent(current);
    }

    /** An ERP warehouse code names one hub warehouse per instance. */
    @Override
    protected void checkUnique(Warehouse w) {
        warehouses.holderOfCode(w.erpInstance(), w.erpCode(), w.code()).ifPresent(holder -> {
            throw new ApiProblem(HttpStatus.CONFLICT, "warehouse-code-taken", "ERP仓库编码已被占用 (ERP code already used)",
                    "An ERP warehouse code names one hub warehouse per instance.").with("errors", List.of(
                    new FieldViolation("erpCode", "unique", "is already the code of warehouse " + holder + " in "
                            + w.erpInstance() + " (编码已被占用)")));
        });
    }

    @Override
    protected Warehouse build(WarehouseRequest r, Warehouse current) {
        java.time.Instant now = now();
        List<String> users = r.notifyUsers() == null ? List.of()
                : r.notifyUsers().stream().map(String::strip).distinct().toList();
        return new Warehouse(r.code().strip(), Rules.clean(r.name()), Rules.clean(r.region()),
                r.erpInstance().strip(), r.erpCode().strip(), Rules.clean(r.notifyChannel()),
                Rules.clean(r.notifyRobot()), users, r.active() == null || r.active(),
                current == null ? now : current.createdAt(), now, current == null ? 1 : current.version() + 1);
    }
}
