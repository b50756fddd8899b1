package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * The Kingdee mock's data: master data (materials, warehouses, customers), documents of
 * {@code STK_MisDelivery} / {@code STK_Miscellaneous}, and stock per material and warehouse number.
 * Not thread-safe; {@link KingdeeMock} serialises access.
 */
final class KingdeeStore {

    static final String OUTBOUND = "STK_MisDelivery";
    static final String INBOUND = "STK_Miscellaneous";
    static final String ORG_NUMBER = "100";
    static final long ORG_ID = 1;

    record Material(long id, String number, String name, String spec, String unit) { }

    record Warehouse(long id, String number, String name) { }

    record Customer(long id, String number, String name) { }

    record Entry(long entryId, String material, String stock, BigDecimal qty, String unit, String note) { }

    /** One document; {@code status} is FDocumentStatus: Z draft, A created, B in approval, C audited, D re-audit. */
    static final class Document {
        final long id;
        final String formId;
        final String billNo;
        String status;
        String stockDirect;
        String date;
        String custNumber;
        String deptNumber;
        String note;
        List<Entry> entries;
        final Instant created;
        Instant approved;

        Document(long id, String formId, String billNo, Instant created) {
            this.id = id;
            this.formId = formId;
            this.billNo = billNo;
            this.created = created;
        }

        /** +1 when auditing this document adds stock, -1 when it removes stock. */
        int stockSign() {
            int base = OUTBOUND.equals(formId) ? -1 : 1;
            return "RETURN".equalsIgnoreCase(stockDirect) ? -base : base;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("formId", formId);
            m.put("id", id);
            m.put("billNo", billNo);
            m.put("documentStatus", status);
            m.put("stockDirect", stockDirect);
            m.put("date", date);
            m.put("custNumber", custNumber);
            m.put("deptNumber", deptNumber);
            m.put("note", note);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Entry e : entries) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("entryId", e.entryId());
                r.put("material", e.material());
                r.put("stock", e.stock());
                r.put("qty", e.qty());
                r.put("unit", e.unit());
                r.put("note", e.note());
                rows.add(r);
            }
            m.put("entries", rows);
            m.put("created", created.toString());
            m.put("approved", approved == null ? null : approved.toString());
            return m;
        }
    }

    final Map<String, Material> materials = new LinkedHashMap<>();
    final Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    final Map<String, Customer> customers = new LinkedHashMap<>();
    final List<Document> documents = new ArrayList<>();
    /** material number -> warehouse number -> on-hand quantity. */
    final StockLedger stock = new StockLedger();
    private final AtomicLong ids = new AtomicLong(100000);
    private final AtomicLong entryIds = new AtomicLong(200000);
    private final Map<String, AtomicLong> billSeq = new LinkedHashMap<>();

    void clear() {
        materials.clear();
        warehouses.clear();
        customers.clear();
        documents.clear();
        stock.clear();
        billSeq.clear();
        ids.set(100000);
        entryIds.set(200000);
    }

    /** Reads the shared sections of demo-data.json: warehouses, parts (with stock per warehouse), customers. */
    void seed(JsonNode data) {
        Map<String, String> whByCode = new LinkedHashMap<>();
        for (JsonNode w : data.path("warehouses")) {
            String number = w.path("kingdeeNumber").asText(w.path("code").asText());
            whByCode.put(w.path("code").asText(), number);
            warehouses.putIfAbsent(number, new Warehouse(nextId(), number, w.path("name").asText()));
        }
        for (JsonNode p : data.path("parts")) {
            String number = p.path("kingdeeNumber").asText(p.path("sku").asText());
            materials.putIfAbsent(number, new Material(nextId(), number, p.path("name").asText(),
                    p.path("spec").asText(), p.path("unit").asText()));
            p.path("stock").fields().forEachRemaining(e -> stock.set(number,
                    whByCode.getOrDefault(e.getKey(), e.getKey()), e.getValue().decimalValue()));
        }
        for (JsonNode c : data.path("customers")) {
            String number = c.path("kingdeeNumber").asText(c.path("id").asText());
            customers.putIfAbsent(number, new Customer(nextId(), number, c.path("name").asText()));
        }
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    long nextEntryId() {
        return entryIds.incrementAndGet();
    }

    /** Auto-numbering when FBillNo is omitted: QTCK000001 (outbound), QTRK000001 (inbound). */
    String nextBillNo(String formId) {
        String prefix = OUTBOUND.equals(formId) ? "QTCK" : "QTRK";
        AtomicLong seq = billSeq.computeIfAbsent(formId, k -> new AtomicLong());
        String no;
        do {
            no = String.format("%s%06d", prefix, seq.incrementAndGet());
        } while (byBillNo(formId, no).isPresent());
        return no;
    }

    Optional<Document> byBillNo(String formId, String billNo) {
        return documents.stream().filter(d -> d.formId.equalsIgnoreCase(formId) && d.billNo.equals(billNo))
                .findFirst();
    }

    Optional<Document> byId(String formId, long id) {
        return documents.stream().filter(d -> d.formId.equalsIgnoreCase(formId) && d.id == id).findFirst();
    }

    /** The per-(material, warehouse) changes auditing the document would make. */
    Map<List<String>, BigDecimal> stockDeltas(Document d, int direction) {
        Map<List<String>, BigDecimal> deltas = new LinkedHashMap<>();
        for (Entry e : d.entries) {
            deltas.merge(List.of(e.material(), e.stock()),
                    e.qty().multiply(BigDecimal.valueOf((long) d.stockSign() * direction)), BigDecimal::add);
        }
        return deltas;
    }
}
