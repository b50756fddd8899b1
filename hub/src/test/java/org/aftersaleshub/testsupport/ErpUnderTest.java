package org.aftersaleshub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.kingdee.KingdeeConfig;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.DemoData;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.yonbip.YonBipConfig;
import org.aftersaleshub.mock.yonbip.YonBipMock;
import org.aftersaleshub.mock.yonyou.U8Config;
import org.aftersaleshub.mock.yonyou.U8Mock;

/**
 * The three ERPs the hub books stock in, as a hub test meets each of them: the connector name
 * ({@code hub.erp.connector}), its mock, the connector keys that point the connector at a started mock (all demo
 * parts and warehouses mapped, the mock's own credentials), and what a test reads or breaks on that mock — stock by
 * hub SKU and warehouse, every document in one shape with the part usage the connector marked it with (so a
 * duplicate booked under another key cannot hide), the outbound total, and faults named the way the mock's
 * {@link FaultPlan} names its operations.
 *
 * <p>Plain Java on purpose: a test that runs the hub as a separate process passes {@link StartedMock#commandLineArgs()}
 * instead of Spring properties and asserts on the same mock state.
 *
 * <pre>{@code
 * try (ErpUnderTest.StartedMock erp = ErpUnderTest.U8.start()) {
 *     erp.setStock("SP-FAN-004", "WH01", new BigDecimal("20"));
 *     hub.start(erp.commandLineArgs());               // --hub.erp.connector=u8 --u8.base-url=http://127.0.0.1:...
 *     ...
 *     assertThat(erp.outboundDocumentCount()).isEqualTo(1);
 * }
 * }</pre>
 */
public enum ErpUnderTest {

    /**
     * Kingdee K/3 Cloud: an other-outbound document (STK_MisDelivery) keyed by FBillNo, booked once audited (status
     * C). The connector signs every call, so an expired session is replaced silently by a new one.
     */
    KINGDEE("kingdee", "kingdee", KingdeeMock.class, "kingdeeNumber", "Save", "Audit", "更新库存") {
        // the connector writes "aftersales-hub usage <id> ticket <ticket>" into FNote (its ownership marker)
        private static final Pattern USAGE_IN_NOTE = Pattern.compile("aftersales-hub usage (\\S+) ticket ");

        @Override
        Map<String, String> ownKeys(HttpMock mock, long timeoutMs) {
            KingdeeConfig c = ((KingdeeMock) mock).config();
            Map<String, String> k = new LinkedHashMap<>();
            k.put("kingdee.base-url", mock.baseUrl() + "/k3cloud/");
            k.put("kingdee.acct-id", c.getAcctId());
            k.put("kingdee.user-name", c.getUserName());
            k.put("kingdee.app-id", c.getAppId());
            k.put("kingdee.app-secret", c.getAppSecret());
            k.put("kingdee.org-number", "100"); // the stock organisation of the mock's demo account set
            k.put("kingdee.timeout-ms", String.valueOf(timeoutMs));
            k.put("kingdee.max-attempts", "1");
            k.put("kingdee.retry-backoff-ms", "100");
            k.put("kingdee.rate-limit-per-second", "1000");
            k.put("kingdee.warehouse-codes", codeMap(WAREHOUSES, "code"));
            k.put("kingdee.material-codes", codeMap(PARTS, "sku"));
            return k;
        }

        @Override
        BigDecimal stockIn(HttpMock mock, String part, String warehouse) {
            return ((KingdeeMock) mock).stock(part, warehouse);
        }

        @Override
        void setStockIn(HttpMock mock, String part, String warehouse, BigDecimal qty) {
            ((KingdeeMock) mock).setStock(part, warehouse, qty);
        }

        @Override
        List<ErpDocument> everyDocumentIn(HttpMock mock) {
            List<ErpDocument> out = new ArrayList<>();
            for (Map<String, Object> d : documentMaps(mock)) {
                Matcher m = USAGE_IN_NOTE.matcher(String.valueOf(d.get("note")));
                Map<String, Object> line = onlyLine(d.get("entries"));
                out.add(new ErpDocument(d.get("formId") + " " + d.get("billNo"),
                        OUTBOUND_FORM.equals(d.get("formId")) && m.find() ? m.group(1) : null,
                        String.valueOf(d.get("billNo")), text(line.get("material")), text(line.get("stock")),
                        decimal(line.get("qty")), "C".equals(d.get("documentStatus"))));
            }
            return out;
        }

        @Override
        long outboundCountIn(HttpMock mock) {
            return ((KingdeeMock) mock).documentCount(OUTBOUND_FORM);
        }

        @Override
        void expireIn(HttpMock mock) {
            ((KingdeeMock) mock).expireAllSessions();
        }

        @Override
        int liveIn(HttpMock mock) {
            return ((KingdeeMock) mock).sessionCount();
        }
    },

    /**
     * Yonyou U8: an other-outbound voucher ({@code otherout/add}, synchronous) keyed by {@code biz_id}; U8 moves the
     * stock when it adds the voucher, so every voucher is booked. A rejected token is renewed within the call.
     */
    U8("u8", "u8", U8Mock.class, "u8Code", "otherout/add", "otherout/add", "现存量不足") {
        @Override
        Map<String, String> ownKeys(HttpMock mock, long timeoutMs) {
            U8Config c = ((U8Mock) mock).config();
            Map<String, String> k = new LinkedHashMap<>();
            k.put("u8.base-url", mock.baseUrl() + "/");
            k.put("u8.from-account", c.getFromAccount());
            k.put("u8.to-account", c.getToAccount());
            k.put("u8.app-key", c.getAppKey());
            k.put("u8.app-secret", c.getAppSecret());
            k.put("u8.receive-code", "21"); // 其他出库, any code the mock accepts
            k.put("u8.timeout-ms", String.valueOf(timeoutMs));
            k.put("u8.max-attempts", "1");
            k.put("u8.backoff-initial-ms", "100");
            k.put("u8.backoff-max-ms", "200");
            k.put("u8.requests-per-second", "1000");
            k.put("u8.warehouse-codes", codeMap(WAREHOUSES, "code"));
            k.put("u8.inventory-codes", codeMap(PARTS, "sku"));
            return k;
        }

        @Override
        BigDecimal stockIn(HttpMock mock, String part, String warehouse) {
            return ((U8Mock) mock).stock(part, warehouse);
        }

        @Override
        void setStockIn(HttpMock mock, String part, String warehouse, BigDecimal qty) {
            ((U8Mock) mock).setStock(part, warehouse, qty);
        }

        @Override
        List<ErpDocument> everyDocumentIn(HttpMock mock) {
            List<ErpDocument> out = new ArrayList<>();
            for (Map<String, Object> d : documentMaps(mock)) {
                Map<String, Object> line = onlyLine(d.get("entries"));
                // the mock's state shows no memo of a voucher, so biz_id (the usage id itself) is key and mark;
                // a voucher exists only once U8 committed it, stock included (no separate audit step for stock)
                out.add(new ErpDocument(d.get("resource") + " " + d.get("id"),
                        OTHEROUT.equals(d.get("resource")) ? text(d.get("biz_id")) : null, text(d.get("id")),
                        text(line.get("inventorycode")), text(d.get("warehousecode")), decimal(line.get("quantity")),
                        true));
            }
            return out;
        }

        @Override
        long outboundCountIn(HttpMock mock) {
            return ((U8Mock) mock).documentCount(OTHEROUT);
        }

        @Override
        void expireIn(HttpMock mock) {
            ((U8Mock) mock).expireAllTokens();
        }

        @Override
        int liveIn(HttpMock mock) {
            return ((U8Mock) mock).liveTokenCount();
        }
    },

    /**
     * Yonyou YonBIP: an other-outbound document ({@code othoutrecord/single/save}) keyed by {@code resubmitCheckKey},
     * booked once {@code batchaudit} moved the stock. The gateway is discovered through the mock; a rejected token
     * is renewed within the call.
     */
    YONBIP("yonbip", "yonbip", YonBipMock.class, "yonbipCode", "scm/othoutrecord/single/save",
            "scm/othoutrecord/batchaudit", "现存量不足") {
        @Override
        Map<String, String> ownKeys(HttpMock mock, long timeoutMs) {
            YonBipConfig c = ((YonBipMock) mock).config();
            Map<String, String> k = new LinkedHashMap<>();
            k.put("yonbip.tenant-id", c.getTenantId());
            k.put("yonbip.discovery-url", mock.baseUrl() + "/");
            k.put("yonbip.app-key", c.getAppKey());
            k.put("yonbip.app-secret", c.getAppSecret());
            k.put("yonbip.org", "ORG001"); // the stock organisation the mock reports on its stock rows
            k.put("yonbip.timeout-ms", String.valueOf(timeoutMs));
            k.put("yonbip.max-attempts", "1");
            k.put("yonbip.backoff-initial-ms", "100");
            k.put("yonbip.backoff-max-ms", "200");
            k.put("yonbip.requests-per-second", "1000");
            k.put("yonbip.warehouse-codes", codeMap(WAREHOUSES, "code"));
            k.put("yonbip.product-codes", codeMap(PARTS, "sku"));
            return k;
        }

        @Override
        BigDecimal stockIn(HttpMock mock, String part, String warehouse) {
            return ((YonBipMock) mock).stock(part, warehouse);
        }

        @Override
        void setStockIn(HttpMock mock, String part, String warehouse, BigDecimal qty) {
            ((YonBipMock) mock).setStock(part, warehouse, qty);
        }

        @Override
        List<ErpDocument> everyDocumentIn(HttpMock mock) {
            List<ErpDocument> out = new ArrayList<>();
            for (Map<String, Object> d : documentMaps(mock)) {
                Map<String, Object> line = onlyLine(d.get("othOutRecords"));
                // the connector writes the usage id into out_sys_id, the save's own trace field
                out.add(new ErpDocument("othoutrecord " + d.get("code"), text(d.get("out_sys_id")),
                        text(d.get("code")), text(line.get("product_code")), text(d.get("warehouse_code")),
                        decimal(line.get("qty")), Boolean.TRUE.equals(d.get("audited"))));
            }
            return out;
        }

        @Override
        long outboundCountIn(HttpMock mock) {
            return ((YonBipMock) mock).documentCount();
        }

        @Override
        void expireIn(HttpMock mock) {
            ((YonBipMock) mock).expireAllTokens();
        }

        @Override
        int liveIn(HttpMock mock) {
            return ((YonBipMock) mock).liveTokenCount();
        }
    };

    /**
     * Milliseconds every connector waits for an answer: a fault that answers later is a timeout. Short, so a
     * timeout test costs seconds, yet far above what the mocks need on a busy 2-core machine.
     */
    public static final int CONNECTOR_TIMEOUT_MS = 2500;

    private static final String OUTBOUND_FORM = "STK_MisDelivery";
    private static final String OTHEROUT = "otherout";
    /** Demo parts and warehouses: hub code to each ERP's code, read from the mocks' own seed data. */
    private static final List<JsonNode> PARTS = list(DemoData.load().path("parts"));
    private static final List<JsonNode> WAREHOUSES = list(DemoData.load().path("warehouses"));

    /**
     * Any document the mock holds, read in one shape for every ERP.
     *
     * @param label         how a failure message names it (form or resource and number)
     * @param usageId       the part usage it books, as the connector marked it (Kingdee FNote, U8 biz_id, YonBIP
     *                      out_sys_id); null when it is not an outbound document marked by the hub
     * @param number        what the hub must record as the usage's ERP document number
     * @param partCode      the ERP's code of its one part (null when it has not exactly one line)
     * @param warehouseCode the ERP's code of its warehouse
     * @param quantity      the quantity of its one line
     * @param booked        the ERP took the stock out (Kingdee audited, U8 added, YonBIP audited)
     */
    public record ErpDocument(String label, String usageId, String number, String partCode, String warehouseCode,
                              BigDecimal quantity, boolean booked) {
    }

    private final String connector;
    private final String mockName;
    private final Class<? extends HttpMock> mockClass;
    private final String codeField;
    private final String writeOperation;
    private final String bookingOperation;
    private final String shortageMessage;

    ErpUnderTest(String connector, String mockName, Class<? extends HttpMock> mockClass, String codeField,
                 String writeOperation, String bookingOperation, String shortageMessage) {
        this.connector = connector;
        this.mockName = mockName;
        this.mockClass = mockClass;
        this.codeField = codeField;
        this.writeOperation = writeOperation;
        this.bookingOperation = bookingOperation;
        this.shortageMessage = shortageMessage;
    }

    /** The value of {@code hub.erp.connector}. */
    public String connector() {
        return connector;
    }

    /** The name to start its mock with: {@code MockSystems.start(Set.of(mockName()), true)}. */
    public String mockName() {
        return mockName;
    }

    /** The class of its mock, for typed access to what {@link StartedMock} does not cover. */
    public Class<? extends HttpMock> mockClass() {
        return mockClass;
    }

    /** The operation (as the mock's FaultPlan names it) of the write that creates the outbound document. */
    public String writeOperation() {
        return writeOperation;
    }

    /** A piece of the ERP's own answer when an outbound would make stock negative (the mocks refuse it). */
    public String shortageMessage() {
        return shortageMessage;
    }

    /**
     * Whether a part return books a compensating inbound document: Kingdee (STK_Miscellaneous). The U8 and YonBIP
     * API descriptions (specs §2, §3) have no other-inbound write, so their connectors refuse a return.
     */
    public boolean booksReturns() {
        return this == KINGDEE;
    }

    /** The ERP's code of a demo part (hub SKU). */
    public String partCode(String sku) {
        return code(PARTS, "sku", sku);
    }

    /** The ERP's code of a demo warehouse (hub warehouse code). */
    public String warehouseCode(String warehouse) {
        return code(WAREHOUSES, "code", warehouse);
    }

    /** Every demo part's hub SKU, in demo-data order. */
    public static List<String> demoSkus() {
        return PARTS.stream().map(p -> p.path("sku").asText()).toList();
    }

    /** Starts this ERP's mock on a free port with the demo data. */
    public StartedMock start() {
        return new StartedMock(this, MockSystems.start(Set.of(mockName), true));
    }

    // what differs per ERP, on the started mock; the StartedMock methods below are what tests call

    abstract Map<String, String> ownKeys(HttpMock mock, long timeoutMs);

    abstract BigDecimal stockIn(HttpMock mock, String part, String warehouse);

    abstract void setStockIn(HttpMock mock, String part, String warehouse, BigDecimal qty);

    abstract List<ErpDocument> everyDocumentIn(HttpMock mock);

    abstract long outboundCountIn(HttpMock mock);

    abstract void expireIn(HttpMock mock);

    abstract int liveIn(HttpMock mock);

    /** {@code HUB=ERP,...} for every demo entry, as the connectors' code-map keys take it. */
    String codeMap(List<JsonNode> entries, String hubField) {
        return entries.stream().map(e -> e.path(hubField).asText() + "=" + e.path(codeField).asText())
                .collect(Collectors.joining(","));
    }

    private String code(List<JsonNode> entries, String hubField, String hubCode) {
        return entries.stream().filter(e -> e.path(hubField).asText().equals(hubCode)).findFirst()
                .map(e -> e.path(codeField).asText())
                .orElseThrow(() -> new IllegalArgumentException(hubCode + " is not in the demo data"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documentMaps(HttpMock mock) {
        return (List<Map<String, Object>>) mock.state().get("documents");
    }

    /** The document's single line; an empty map (so every field reads null) when it has none or several. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyLine(Object lines) {
        return lines instanceof List<?> l && l.size() == 1 ? (Map<String, Object>) l.get(0) : Map.of();
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static BigDecimal decimal(Object o) {
        return o == null ? null : new BigDecimal(String.valueOf(o));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return List.copyOf(out);
    }

    /** This ERP's mock, running; closing it stops the mock. */
    public static final class StartedMock implements AutoCloseable {

        private final ErpUnderTest erp;
        private final MockSystems mocks;
        private final HttpMock mock;

        private StartedMock(ErpUnderTest erp, MockSystems mocks) {
            this.erp = erp;
            this.mocks = mocks;
            this.mock = mocks.get(erp.mockClass);
        }

        public ErpUnderTest erp() {
            return erp;
        }

        /** The mock itself, for what this class does not cover. */
        public HttpMock mock() {
            return mock;
        }

        /**
         * The connector's keys pointing at this mock (base URL, the mock's credentials, every demo part and
         * warehouse mapped, a {@link #CONNECTOR_TIMEOUT_MS} timeout, one attempt per call so that every retry is
         * the hub's own redelivery, no client-side rate limit to speak of).
         */
        public Map<String, String> connectorKeys() {
            return connectorKeys(Duration.ofMillis(CONNECTOR_TIMEOUT_MS));
        }

        /** {@link #connectorKeys()} with another call timeout. */
        public Map<String, String> connectorKeys(Duration callTimeout) {
            return erp.ownKeys(mock, callTimeout.toMillis());
        }

        /** {@code hub.erp.connector} plus {@link #connectorKeys()}: what a hub needs to book in this ERP. */
        public Map<String, String> hubProperties() {
            return hubProperties(Duration.ofMillis(CONNECTOR_TIMEOUT_MS));
        }

        /** {@link #hubProperties()} with another call timeout. */
        public Map<String, String> hubProperties(Duration callTimeout) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("hub.erp.connector", erp.connector);
            p.putAll(connectorKeys(callTimeout));
            return p;
        }

        /**
         * {@link #hubProperties(Duration)} as application arguments ({@code --key=value}) of a hub started as a
         * process.
         */
        public List<String> commandLineArgs(Duration callTimeout) {
            return hubProperties(callTimeout).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toList();
        }

        /** Stock of a hub part in a hub warehouse, as the ERP holds it now. */
        public BigDecimal stock(String sku, String warehouse) {
            return erp.stockIn(mock, erp.partCode(sku), erp.warehouseCode(warehouse));
        }

        /** Sets the ERP's stock of a hub part in a hub warehouse (a stock count). */
        public void setStock(String sku, String warehouse, BigDecimal qty) {
            erp.setStockIn(mock, erp.partCode(sku), erp.warehouseCode(warehouse), qty);
        }

        /** Every outbound document the ERP holds, whatever its key. */
        public long outboundDocumentCount() {
            return erp.outboundCountIn(mock);
        }

        /** Documents the mock holds that are not outbound ones: Kingdee's compensating inbound documents. */
        public long otherDocumentCount() {
            return allDocuments().size() - outboundDocumentCount();
        }

        /** Every document the mock holds, outbound or not, with the usage each is marked with. */
        public List<ErpDocument> allDocuments() {
            return erp.everyDocumentIn(mock);
        }

        /** The ERP's documents marked with one part usage (exactly-once means one). */
        public List<ErpDocument> documentsOfUsage(String usageId) {
            return allDocuments().stream().filter(d -> usageId.equals(d.usageId())).toList();
        }

        /**
         * The next call of the write that moves the stock (Kingdee Audit, U8 otherout/add, YonBIP batchaudit)
         * commits, then its answer is held for {@code hold}: the hub waits between the ERP's commit and its own
         * journal write.
         */
        public void holdTheAnswerOfTheNextBooking(Duration hold) {
            mock.faults().add(new FaultPlan.Rule(erp.bookingOperation, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                    1, 1.0, 0, hold.toMillis(), hold.toMillis()));
        }

        /**
         * Every call of that write commits, then answers after {@code min..max}, as a busy ERP does, until
         * {@link #clearFaults()}.
         */
        public void answerEveryBookingLate(Duration min, Duration max) {
            mock.faults().add(new FaultPlan.Rule(erp.bookingOperation, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                    -1, 1.0, 0, min.toMillis(), max.toMillis()));
        }

        /** The next write commits, then its answer comes {@code delayMs} later (a timeout after commit). */
        public void commitNextWriteThenAnswerAfter(long delayMs) {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1,
                    1.0, 0, delayMs, delayMs));
        }

        /** The next write commits, then answers HTTP {@code status} instead (e.g. a 500 from a proxy). */
        public void commitNextWriteThenAnswer(int status) {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation, FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.AFTER,
                    1, 1.0, status, 0, 0));
        }

        /** The next write commits, then the connection is reset instead of answered. */
        public void commitNextWriteThenResetTheConnection() {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation, FaultPlan.Kind.CONNECTION_RESET,
                    FaultPlan.Phase.AFTER, 1, 1.0, 0, 0, 0));
        }

        /** Every call answers HTTP {@code status} without doing anything, until {@link #clearFaults()}. */
        public void failEveryCall(int status) {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.BEFORE, -1, 1.0,
                    status, 0, 0));
        }

        /** Every call has its connection reset without doing anything, until {@link #clearFaults()}. */
        public void resetEveryConnection() {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.CONNECTION_RESET, FaultPlan.Phase.BEFORE, -1,
                    1.0, 0, 0, 0));
        }

        /** Every call waits {@code delayMs} before it is handled, until {@link #clearFaults()}. */
        public void delayEveryCall(long delayMs) {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.DELAY, FaultPlan.Phase.BEFORE, -1, 1.0, 0,
                    delayMs, delayMs));
        }

        public void clearFaults() {
            mock.faults().clear();
        }

        /** Every session (Kingdee) or token (U8, YonBIP) the ERP issued stops working now. */
        public void expireSessions() {
            erp.expireIn(mock);
        }

        /** Sessions or tokens the ERP still accepts now. */
        public int liveSessions() {
            return erp.liveIn(mock);
        }

        @Override
        public void close() {
            mocks.close();
        }

        @Override
        public String toString() {
            return erp + " mock on " + mock.baseUrl();
        }
    }
}
