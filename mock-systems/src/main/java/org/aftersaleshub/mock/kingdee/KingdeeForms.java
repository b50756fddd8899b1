package org.aftersaleshub.mock.kingdee;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The queryable forms (docs/vendor-apis/kingdee-k3cloud.md §7) as rows for ExecuteBillQuery/BillQuery: every row maps a
 * lower-case field key (dotted paths included) to its value. A bare reference field holds the internal id,
 * {@code .FNumber} / {@code .FName} the base-data number / name.
 */
final class KingdeeForms {

    static final DateTimeFormatter K3_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** A form: its header-level and entry-level field keys (lower case). */
    record Form(String formId, Set<String> headerFields, Set<String> entryFields) {
        Set<String> all() {
            Set<String> s = new LinkedHashSet<>(headerFields);
            s.addAll(entryFields);
            return s;
        }
    }

    private static Set<String> keys(String... k) {
        Set<String> s = new LinkedHashSet<>();
        for (String x : k) {
            s.add(x.toLowerCase(Locale.ROOT));
        }
        return s;
    }

    private static final Set<String> BILL_HEADER = keys("FID", "FBillNo", "FDocumentStatus", "FDate", "FStockDirect",
            "FStockOrgId", "FStockOrgId.FNumber", "FStockOrgId.FName", "FCustId", "FCustId.FNumber", "FCustId.FName",
            "FDeptId", "FDeptId.FNumber", "FNote", "FCreateDate", "FApproveDate", "FBillTypeID.FNumber",
            "FOwnerIdHead.FNumber");
    private static final Set<String> BILL_ENTRY = keys("FEntity_FEntryID", "FEntryID", "FMaterialId",
            "FMaterialId.FNumber", "FMaterialId.FName", "FMaterialId.FSpecification", "FMaterialName", "FStockId",
            "FStockId.FNumber", "FStockId.FName", "FQty", "FBaseQty", "FUnitID", "FUnitID.FName", "FBaseUnitId.FName",
            "FEntryNote", "FStockStatusId.FNumber");

    static final Map<String, Form> FORMS = new LinkedHashMap<>();

    static {
        add(new Form("STK_Inventory", keys("FID", "FStockOrgId", "FStockOrgId.FNumber", "FStockOrgId.FName",
                "FMaterialId", "FMaterialId.FNumber", "FMaterialId.FName", "FMaterialId.FSpecification", "FMaterialName",
                "FStockId", "FStockId.FNumber", "FStockId.FName", "FStockName", "FStockLocId", "FLot", "FLot.FNumber",
                "FProduceDate", "FExpiryDate", "FStockStatusId", "FStockStatusId.FNumber", "FBaseQty", "FQty", "FSecQty",
                "FAVBQty", "FBaseAVBQty", "FSecAVBQty", "FLockQty", "FBaseLockQty", "FBaseUnitId", "FBaseUnitId.FName",
                "FStockUnitId", "FStockUnitId.FName", "FSecUnitId", "FOwnerTypeId", "FOwnerId", "FKeeperTypeId",
                "FKeeperId", "FUpdateTime"), Set.of()));
        add(new Form(KingdeeStore.OUTBOUND, BILL_HEADER, BILL_ENTRY));
        add(new Form(KingdeeStore.INBOUND, BILL_HEADER, BILL_ENTRY));
        Form material = new Form("BD_MATERIAL", keys("FMATERIALID", "FNumber", "FName", "FSpecification",
                "FBaseUnitId", "FBaseUnitId.FName", "FDocumentStatus", "FForbidStatus", "FUseOrgId", "FUseOrgId.FNumber",
                "FCreateOrgId", "FCreateOrgId.FNumber"), Set.of());
        add(material);
        add(new Form("BD_Customer", keys("FCUSTID", "FNumber", "FName", "FShortName", "FDocumentStatus",
                "FForbidStatus", "FUseOrgId", "FUseOrgId.FNumber", "FCreateOrgId", "FCreateOrgId.FNumber"), Set.of()));
        add(new Form("BD_STOCK", keys("FStockId", "FNumber", "FName", "FDocumentStatus", "FForbidStatus",
                "FUseOrgId.FNumber"), Set.of()));
    }

    private static void add(Form f) {
        FORMS.put(f.formId().toLowerCase(Locale.ROOT), f);
    }

    private KingdeeForms() {
    }

    /** The form by id, ignoring case ({@code BD_MATERIAL} is also written {@code BD_Material}); or null. */
    static Form form(String formId) {
        return formId == null ? null : FORMS.get(formId.toLowerCase(Locale.ROOT));
    }

    /** The canonical form id of a form the mock writes (outbound, inbound); MsgCode 4 or 12 otherwise. */
    static String checkWritableForm(String formId) {
        if (formId == null || form(formId) == null) {
            throw new KingdeeReplies.Failure(4, "", "标识为“" + formId + "”的业务对象不存在，或者被删除");
        }
        if (!KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) && !KingdeeStore.INBOUND.equalsIgnoreCase(formId)) {
            throw new KingdeeReplies.Failure(12, "", "业务对象“" + formId + "”在模拟系统中不支持此操作"); // [I] mock scope
        }
        return KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) ? KingdeeStore.OUTBOUND : KingdeeStore.INBOUND;
    }

    /** Quantities as the server prints them: at least one decimal ({@code 12.0}). */
    static BigDecimal qty(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 1 ? s.setScale(1) : s;
    }

    /** All rows of the form; {@code perEntry} splits documents into one row per entry line. */
    static List<Map<String, Object>> rows(KingdeeStore store, Form form, boolean perEntry, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        switch (form.formId()) {
            case "STK_Inventory" -> {
                for (var m : store.stock.view().entrySet()) {
                    KingdeeStore.Material mat = store.materials.get(m.getKey());
                    for (var w : m.getValue().entrySet()) {
                        KingdeeStore.Warehouse wh = store.warehouses.get(w.getKey());
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("fid", String.format("%08x-0000-0000-0000-%012x", mat == null ? 0 : mat.id(),
                                wh == null ? 0 : wh.id()));
                        org(r, "fstockorgid");
                        r.put("fmaterialid", mat == null ? 0 : mat.id());
                        r.put("fmaterialid.fnumber", m.getKey());
                        r.put("fmaterialid.fname", mat == null ? "" : mat.name());
                        r.put("fmaterialid.fspecification", mat == null ? "" : mat.spec());
                        r.put("fmaterialname", mat == null ? "" : mat.name());
                        r.put("fstockid", wh == null ? 0 : wh.id());
                        r.put("fstockid.fnumber", w.getKey());
                        r.put("fstockid.fname", wh == null ? "" : wh.name());
                        r.put("fstockname", wh == null ? "" : wh.name());
                        r.put("fstocklocid", 0);
                        r.put("flot", 0);
                        r.put("flot.fnumber", "");
                        r.put("fproducedate", null);
                        r.put("fexpirydate", null);
                        r.put("fstockstatusid", 10000);
                        r.put("fstockstatusid.fnumber", "KCZT01_SYS");
                        BigDecimal q = qty(w.getValue());
                        for (String k : List.of("fbaseqty", "fqty", "favbqty", "fbaseavbqty")) {
                            r.put(k, q);
                        }
                        for (String k : List.of("fsecqty", "fsecavbqty", "flockqty", "fbaselockqty")) {
                            r.put(k, qty(BigDecimal.ZERO));
                        }
                        r.put("fbaseunitid", 10101);
                        r.put("fbaseunitid.fname", mat == null ? "" : mat.unit());
                        r.put("fstockunitid", 10101);
                        r.put("fstockunitid.fname", mat == null ? "" : mat.unit());
                        r.put("fsecunitid", 0);
                        r.put("fownertypeid", "BD_OwnerOrg");
                        r.put("fownerid", KingdeeStore.ORG_ID);
                        r.put("fkeepertypeid", "BD_KeeperOrg");
                        r.put("fkeeperid", KingdeeStore.ORG_ID);
                        r.put("fupdatetime", K3_TIME.format(now));
                        out.add(r);
                    }
                }
            }
            case KingdeeStore.OUTBOUND, KingdeeStore.INBOUND -> {
                for (KingdeeStore.Document d : store.documents) {
                    if (!d.formId.equalsIgnoreCase(form.formId())) {
                        continue;
                    }
                    Map<String, Object> head = new LinkedHashMap<>();
                    head.put("fid", d.id);
                    head.put("fbillno", d.billNo);
                    head.put("fdocumentstatus", d.status);
                    head.put("fdate", d.date);
                    head.put("fstockdirect", d.stockDirect);
                    org(head, "fstockorgid");
                    KingdeeStore.Customer c = d.custNumber == null ? null : store.customers.get(d.custNumber);
                    head.put("fcustid", c == null ? 0 : c.id());
                    head.put("fcustid.fnumber", d.custNumber == null ? "" : d.custNumber);
                    head.put("fcustid.fname", c == null ? "" : c.name());
                    head.put("fdeptid", 0);
                    head.put("fdeptid.fnumber", d.deptNumber == null ? "" : d.deptNumber);
                    head.put("fnote", d.note == null ? "" : d.note);
                    head.put("fcreatedate", K3_TIME.format(d.created));
                    head.put("fapprovedate", d.approved == null ? null : K3_TIME.format(d.approved));
                    head.put("fbilltypeid.fnumber", KingdeeStore.OUTBOUND.equals(d.formId) ? "QTCKD01_SYS" : "QTRKD01_SYS");
                    head.put("fowneridhead.fnumber", KingdeeStore.ORG_NUMBER);
                    if (!perEntry) {
                        out.add(head);
                        continue;
                    }
                    for (KingdeeStore.Entry e : d.entries) {
                        Map<String, Object> r = new LinkedHashMap<>(head);
                        KingdeeStore.Material mat = store.materials.get(e.material());
                        KingdeeStore.Warehouse wh = store.warehouses.get(e.stock());
                        r.put("fentity_fentryid", e.entryId());
                        r.put("fentryid", e.entryId());
                        r.put("fmaterialid", mat == null ? 0 : mat.id());
                        r.put("fmaterialid.fnumber", e.material());
                        r.put("fmaterialid.fname", mat == null ? "" : mat.name());
                        r.put("fmaterialid.fspecification", mat == null ? "" : mat.spec());
                        r.put("fmaterialname", mat == null ? "" : mat.name());
                        r.put("fstockid", wh == null ? 0 : wh.id());
                        r.put("fstockid.fnumber", e.stock());
                        r.put("fstockid.fname", wh == null ? "" : wh.name());
                        r.put("fqty", qty(e.qty()));
                        r.put("fbaseqty", qty(e.qty()));
                        r.put("funitid", 10101);
                        r.put("funitid.fname", e.unit());
                        r.put("fbaseunitid.fname", e.unit());
                        r.put("fentrynote", e.note() == null ? "" : e.note());
                        r.put("fstockstatusid.fnumber", "KCZT01_SYS");
                        out.add(r);
                    }
                }
            }
            case "BD_MATERIAL" -> store.materials.values().forEach(m -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("fmaterialid", m.id());
                r.put("fnumber", m.number());
                r.put("fname", m.name());
                r.put("fspecification", m.spec());
                r.put("fbaseunitid", 10101);
                r.put("fbaseunitid.fname", m.unit());
                base(r);
                out.add(r);
            });
            case "BD_Customer" -> store.customers.values().forEach(c -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("fcustid", c.id());
                r.put("fnumber", c.number());
                r.put("fname", c.name());
                r.put("fshortname", c.name());
                base(r);
                out.add(r);
            });
            case "BD_STOCK" -> store.warehouses.values().forEach(w -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("fstockid", w.id());
                r.put("fnumber", w.number());
                r.put("fname", w.name());
                base(r);
                out.add(r);
            });
            default -> throw new IllegalStateException(form.formId());
        }
        return out;
    }

    private static void org(Map<String, Object> r, String key) {
        r.put(key, KingdeeStore.ORG_ID);
        r.put(key + ".fnumber", KingdeeStore.ORG_NUMBER);
        r.put(key + ".fname", "总部");
    }

    private static void base(Map<String, Object> r) {
        r.put("fdocumentstatus", "C");
        r.put("fforbidstatus", "A");
        org(r, "fuseorgid");
        org(r, "fcreateorgid");
    }
}
