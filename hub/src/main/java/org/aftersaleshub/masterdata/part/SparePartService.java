package org.aftersaleshub.masterdata.part;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

/** Creates, replaces, deactivates, searches and upserts spare parts, checked by {@link SparePartRules}. */
@Service
public class SparePartService {

    static final String ENTITY = "part";
    static final String ZH = "备件";

    private final SparePartRepository parts;
    private final ErpInstanceNames instances;
    private final AuditLog audit;

    SparePartService(SparePartRepository parts, ErpInstanceNames instances, AuditLog audit) {
        this.parts = parts;
        this.instances = instances;
        this.audit = audit;
    }

    @Transactional
    public SparePart create(SparePartRequest r, String actor) {
        if (r.version() != null) {
            throw MasterDataProblems.versionOnCreate();
        }
        Violation.throwIfAny(SparePartRules.check(r, instances));
        SparePart p = build(r, null);
        if (parts.exists(p.sku())) {
            throw MasterDataProblems.exists(ENTITY, ZH, "sku", p.sku());
        }
        throwIfCodeTaken(p);
        parts.insert(p);
        audit.record(actor, "part.create", "part:" + p.sku(), "version=1");
        return p;
    }

    @Transactional(readOnly = true)
    public SparePart get(String sku) {
        return parts.find(sku).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "sku", sku));
    }

    @Transactional
    public SparePart replace(String sku, SparePartRequest r, String actor) {
        SparePartRequest full = new SparePartRequest(sku, r.name(), r.spec(), r.unit(), r.safetyStock(), r.active(),
                r.erpCodes(), r.version());
        SparePartRequest asSent = r.sku() == null ? full : r;
        // as for staff: the body's own fields, then whether the record exists, then version and references
        if (r.version() != null && r.version() < 1) {
            throw MasterDataProblems.versionProblem(r.version());
        }
        Violation.throwIfAny(SparePartRules.check(asSent, null));
        SparePart current = parts.lock(sku).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "sku", sku));
        throwIfBadVersion(r.version());
        if (r.sku() != null && !r.sku().strip().equals(sku)) {
            throw MasterDataProblems.keyMismatch("sku");
        }
        Violation.throwIfAny(SparePartRules.check(full, instances));
        if (r.version() != current.version()) {
            throw MasterDataProblems.staleVersion(ENTITY, sku, r.version(), current.version());
        }
        SparePart next = build(full, current);
        throwIfCodeTaken(next);
        parts.update(next, current.version());
        audit.record(actor, "part.replace", "part:" + sku, "version=" + next.version());
        return next;
    }

    /** Sets active = false; part usages refer to the SKU, so the record stays. Inactive already: unchanged. */
    @Transactional
    public SparePart deactivate(String sku, String actor) {
        SparePart c = parts.lock(sku).orElseThrow(() -> MasterDataProblems.notFound(ENTITY, ZH, "sku", sku));
        if (!c.active()) {
            return c;
        }
        SparePart next = new SparePart(c.sku(), c.name(), c.spec(), c.unit(), c.safetyStock(), false, c.erpCodes(),
                c.createdAt(), now(), c.version() + 1);
        parts.update(next, c.version());
        audit.record(actor, "part.deactivate", "part:" + sku, "version=" + next.version());
        return next;
    }

    @Transactional(readOnly = true)
    public MasterDataPage<SparePart> search(String text, Boolean active, String erpInstance, int page, int size) {
        return parts.search(text, active, erpInstance, page, size);
    }

    public List<Violation> check(SparePartRequest r) {
        return SparePartRules.check(r, instances);
    }

    /** Writes a checked request by SKU: created, updated (version + 1) or, when identical, left alone. */
    @Transactional
    public WriteOutcome upsert(SparePartRequest r, String actor) {
        Optional<SparePart> current = parts.lock(r.sku().strip());
        SparePart next = build(r, current.orElse(null));
        if (current.isPresent() && next.sameContent(current.get())) {
            return WriteOutcome.UNCHANGED;
        }
        throwIfCodeTaken(next);
        if (current.isEmpty()) {
            parts.insert(next);
            audit.record(actor, "part.create", "part:" + next.sku(), "source=import");
            return WriteOutcome.CREATED;
        }
        parts.update(next, current.get().version());
        audit.record(actor, "part.replace", "part:" + next.sku(), "source=import");
        return WriteOutcome.UPDATED;
    }

    /** An ERP code names one part per instance (the table's unique key), said as a 409 naming the holder. */
    private void throwIfCodeTaken(SparePart p) {
        List<FieldViolation> taken = new ArrayList<>();
        p.erpCodes().forEach((instance, code) -> parts.holderOfCode(instance, code, p.sku()).ifPresent(holder ->
                taken.add(new FieldViolation("erpCodes." + instance, "unique",
                        "is already the code of part " + holder + " in " + instance + " (编码已被占用)"))));
        if (!taken.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "part-code-taken", "ERP编码已被占用 (ERP code already used)",
                    "An ERP code names one part per instance.").with("errors", taken);
        }
    }

    private static SparePart build(SparePartRequest r, SparePart current) {
        Map<String, String> codes = new TreeMap<>();
        if (r.erpCodes() != null) {
            r.erpCodes().forEach((k, v) -> codes.put(k.strip(), v.strip()));
        }
        Instant now = now();
        return new SparePart(r.sku().strip(), Rules.clean(r.name()), Rules.clean(r.spec()), Rules.clean(r.unit()),
                SparePartRepository.plain(r.safetyStock()), r.active() == null || r.active(),
                java.util.Collections.unmodifiableMap(codes), current == null ? now : current.createdAt(), now,
                current == null ? 1 : current.version() + 1);
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
