package org.aftersaleshub.masterdata.warehouse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.masterdata.ErpInstanceNames;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataProblems;
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
public class WarehouseService {

    static final String ENTITY = "warehouse";
    static final String ZH = "仓库";

    private final WarehouseRepository warehouses;
    private final ErpInstanceNames instances;
    private final AuditLog audit;

    WarehouseService(WarehouseRepository warehouses, ErpInstanceNames instances, AuditLog audit) {
        this.warehouses = warehouses;
        this.instances = instances;
        this.audit = audit;
    }

    @Transactional
    public Warehouse create(WarehouseRequest r, String actor) {
        if (r.version() != null) {
            throw MasterDataProblems.versionOnCreate();
        }
        Violation.throwIfAny(WarehouseRules.check(r, instances));
        Warehouse w = build(r, null);
        if (warehouses.find(w.code()).isPresent()) {
            throw MasterDataProblems.exists(ENTITY, ZH, "code", w.code());
        }
        throwIfCodeTaken(w);
        warehouses.insert(w);
        audit.record(actor, "warehouse.create", "warehouse:" + w.code(), "version=1");
        return w;
    }

    @Transactional(readOnly = true)
    public Warehouse get(String code) {
        return warehouses.find(code).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "code", code));
    }

    @Transactional
    public Warehouse replace(String code, WarehouseRequest r, String actor) {
        WarehouseRequest full = new WarehouseRequest(code, r.name(), r.region(), r.erpInstance(), r.erpCode(),
                r.notifyChannel(), r.notifyRobot(), r.notifyUsers(), r.active(), r.version());
        WarehouseRequest asSent = r.code() == null ? full : r;
        // as for staff: the body's own fields, then whether the record exists, then version and references
        if (r.version() != null && r.version() < 1) {
            throw MasterDataProblems.versionProblem(r.version());
        }
        Violation.throwIfAny(WarehouseRules.check(asSent, null));
        Warehouse current = warehouses.lock(code)
                .orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "code", code));
        throwIfBadVersion(r.version());
        if (r.code() != null && !r.code().strip().equals(code)) {
            throw MasterDataProblems.keyMismatch("code");
        }
        Violation.throwIfAny(WarehouseRules.check(full, instances));
        if (r.version() != current.version()) {
            throw MasterDataProblems.staleVersion(ENTITY, code, r.version(), current.version());
        }
        Warehouse next = build(full, current);
        throwIfCodeTaken(next);
        warehouses.update(next, current.version());
        audit.record(actor, "warehouse.replace", "warehouse:" + code, "version=" + next.version());
        return next;
    }

    /** Sets active = false (part usages refer to the code); inactive already: unchanged. */
    @Transactional
    public Warehouse deactivate(String code, String actor) {
        Warehouse c = warehouses.lock(code).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "code", code));
        if (!c.active()) {
            return c;
        }
        Warehouse next = new Warehouse(c.code(), c.name(), c.region(), c.erpInstance(), c.erpCode(),
                c.notifyChannel(), c.notifyRobot(), c.notifyUsers(), false, c.createdAt(), now(), c.version() + 1);
        warehouses.update(next, c.version());
        audit.record(actor, "warehouse.deactivate", "warehouse:" + code, "version=" + next.version());
        return next;
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
        Optional<Warehouse> current = warehouses.lock(r.code().strip());
        Warehouse next = build(r, current.orElse(null));
        if (current.isPresent() && next.sameContent(current.get())) {
            return WriteOutcome.UNCHANGED;
        }
        throwIfCodeTaken(next);
        if (current.isEmpty()) {
            warehouses.insert(next);
            audit.record(actor, "warehouse.create", "warehouse:" + next.code(), "source=import");
            return WriteOutcome.CREATED;
        }
        warehouses.update(next, current.get().version());
        audit.record(actor, "warehouse.replace", "warehouse:" + next.code(), "source=import");
        return WriteOutcome.UPDATED;
    }

    private void throwIfCodeTaken(Warehouse w) {
        warehouses.holderOfCode(w.erpInstance(), w.erpCode(), w.code()).ifPresent(holder -> {
            throw new ApiProblem(HttpStatus.CONFLICT, "warehouse-code-taken", "ERP仓库编码已被占用 (ERP code already used)",
                    "An ERP warehouse code names one hub warehouse per instance.").with("errors", List.of(
                    new FieldViolation("erpCode", "unique", "is already the code of warehouse " + holder + " in "
                            + w.erpInstance() + " (编码已被占用)")));
        });
    }

    private static Warehouse build(WarehouseRequest r, Warehouse current) {
        Instant now = now();
        List<String> users = r.notifyUsers() == null ? List.of()
                : r.notifyUsers().stream().map(String::strip).distinct().toList();
        return new Warehouse(r.code().strip(), Rules.clean(r.name()), Rules.clean(r.region()),
                r.erpInstance().strip(), r.erpCode().strip(), Rules.clean(r.notifyChannel()),
                Rules.clean(r.notifyRobot()), users, r.active() == null || r.active(),
                current == null ? now : current.createdAt(), now, current == null ? 1 : current.version() + 1);
    }

    private static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void throwIfBadVersion(Long version) {
        org.aftersaleshub.web.ApiProblem p = MasterDataProblems.versionProblem(version);
        if (p != null) {
            throw p;
        }
    }
}
