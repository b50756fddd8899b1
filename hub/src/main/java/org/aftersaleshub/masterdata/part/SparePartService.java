package org.aftersaleshub.masterdata.part;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/** Creates, replaces, deactivates, searches and upserts spare parts, checked by {@link SparePartRules}. */
@Service
public class SparePartService extends MasterDataService<SparePart, SparePartRequest> {

    static final Kind<SparePart, SparePartRequest> KIND = new Kind<>("part", "备件", "sku", SparePart::sku,
            SparePart::version, SparePartRequest::sku, SparePartRequest::version, (r, sku) -> new SparePartRequest(
                    sku, r.name(), r.spec(), r.unit(), r.safetyStock(), r.active(), r.erpCodes(), r.version()));

    private final SparePartRepository parts;
    private final ErpInstanceNames instances;

    SparePartService(SparePartRepository parts, ErpInstanceNames instances, AuditLog audit) {
        super(KIND, parts, audit);
        this.parts = parts;
        this.instances = instances;
    }

    @Transactional
    public SparePart create(SparePartRequest r, String actor) {
        return createRecord(r, actor);
    }

    @Transactional(readOnly = true)
    public SparePart get(String sku) {
        return getRecord(sku);
    }

    @Transactional
    public SparePart replace(String sku, SparePartRequest r, String actor) {
        return replaceRecord(sku, r, actor);
    }

    /** Sets active = false; part usages refer to the SKU, so the record stays. Inactive already: unchanged. */
    @Transactional
    public SparePart deactivate(String sku, String actor) {
        return deactivateRecord(sku, actor, c -> !c.active() ? null : new SparePart(c.sku(), c.name(), c.spec(),
                c.unit(), c.safetyStock(), false, c.erpCodes(), c.createdAt(), now(), c.version() + 1));
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
        return upsertRecord(r, actor);
    }

    @Override
    protected List<Violation> rules(SparePartRequest r, boolean references) {
        return SparePartRules.check(r, references ? instances : null);
    }

    @Override
    protected boolean sameContent(SparePart next, SparePart current) {
        return next.sameContent(current);
    }

    /** An ERP code names one part per instance (the table's unique key), said as a 409 naming the holder. */
    @Override
    protected void checkUnique(SparePart p) {
        List<FieldViolation> taken = new ArrayList<>();
        p.erpCodes().forEach((instance, code) -> parts.holderOfCode(instance, code, p.sku()).ifPresent(holder ->
                taken.add(new FieldViolation("erpCodes." + instance, "unique",
                        "is already the code of part " + holder + " in " + instance + " (编码已被占用)"))));
        if (!taken.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "part-code-taken", "ERP编码已被占用 (ERP code already used)",
                    "An ERP code names one part per instance.").with("errors", taken);
        }
    }

    @Override
    protected SparePart build(SparePartRequest r, SparePart current) {
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
}
