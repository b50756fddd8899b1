package org.aftersaleshub.resilience;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.support.MockSystem;
import org.aftersaleshub.mock.yonbip.YonBipMock;
import org.aftersaleshub.mock.yonyou.U8Mock;

/**
 * One of the three ERPs as the ERP kill -9 test sees it: the connector keys that point a separate hub JVM at its
 * mock, the mock operation whose answer the test holds back after the ERP committed, and the mock's outbound
 * documents and stock, read back in one shape so the test asserts the same thing for every ERP.
 *
 * <p>The part and warehouse codes are those of {@code mock-systems/.../demo-data.json} (per part kingdeeNumber,
 * u8Code, yonbipCode; per warehouse kingdeeNumber, u8Code, yonbipCode); they are given in the connectors' own
 * {@code sku=code,...} form, so the hub's mapping and the test's lookup share one definition.
 */
enum MockErp {

    KINGDEE("kingdee", "Audit",
            "SP-COMP-001=1.01.0001,SP-PSU-002=1.02.0002,SP-MCB-003=1.03.0003,SP-FAN-004=1.04.0004",
            "WH01=CK001,WH02=CK002") {

        // the connector writes "aftersales-hub usage <id> ticket <ticket>" into FNote (its ownership marker)
        private static final Pattern USAGE_IN_NOTE = Pattern.compile("aftersales-hub usage (\\S+) ticket ");

        @Override
        Map<String, String> connectorKeys(String mockBaseUrl, Duration callTimeout) {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("kingdee.base-url", mockBaseUrl + "/k3cloud/");
            k.put("kingdee.acct-id", "6571d9a3c1b2e4000a1b2c3d");
            k.put("kingdee.user-name", "integration");
            k.put("kingdee.app-id", "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2");
            k.put("kingdee.app-secret", "a1b2c3d4e5f60718293a4b5c6d7e8f90");
            k.put("kingdee.org-number", "100");
            k.put("kingdee.material-codes", partCodes);
            k.put("kingdee.warehouse-codes", warehouseCodes);
            k.put("kingdee.timeout-ms", String.valueOf(callTimeout.toMillis()));
            k.put("kingdee.retry-backoff-ms", "50");
            k.put("kingdee.rate-limit-per-second", "1000");
            return k;
        }

        @Override
        List<ErpDocument> documents(MockSystem mock) {
            List<ErpDocument> out = new ArrayList<>();
            for (Map<String, Object> d : documentMaps(mock)) {
                Matcher m = USAGE_IN_NOTE.matcher(String.valueOf(d.get("note")));
                Map<String, Object> line = onlyLine(d.get("entries"));
                out.add(new ErpDocument(d.get("formId") + " " + d.get("billNo"),
                        "STK_MisDelivery".equals(d.get("formId")) && m.find() ? m.group(1) : null,
                        String.valueOf(d.get("billNo")), text(line.get("material")), text(line.get("stock")),
                        decimal(line.get("qty")), "C".equals(d.get("documentStatus"))));
            }
            return out;
        }

        @Override
        BigDecimal stock(MockSystem mock, String partSku, String warehouse) {
            return ((KingdeeMock) mock).stock(partCode(partSku), warehouseCode(warehouse));
        }

        @Override
        void setStock(MockSystem mock, String partSku, String warehouse, BigDecimal quantity) {
            postAdmin(mock, "kingdee/stock", """
                    {"material":"%s","warehouse":"%s","qty":%s}""".formatted(partCode(partSku),
                    warehouseCode(warehouse), quantity.toPlainString()));
        }
    },

    U8("u8", "otherout/add",
            "SP-COMP-001=0010001,SP-PSU-002=0020002,SP-MCB-003=0030003,SP-FAN-004=0040004",
            "WH01=01,WH02=02") {

        @Override
        Map<String, String> connectorKeys(String mockBaseUrl, Duration callTimeout) {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("u8.base-url", mockBaseUrl + "/");
            k.put("u8.from-account", "demo_dev");
            k.put("u8.to-account", "demo_ent");
            k.put("u8.app-key", "opa5e9d3c1b2a4f6e8");
            k.put("u8.app-secret", "u8-demo-app-secret");
            k.put("u8.receive-code", "21");
            k.put("u8.inventory-codes", partCodes);
            k.put("u8.warehouse-codes", warehouseCodes);
            k.put("u8.timeout-ms", String.valueOf(callTimeout.toMillis()));
            k.put("u8.backoff-initial-ms", "50");
            k.put("u8.backoff-max-ms", "500");
            k.put("u8.requests-per-second", "1000");
            return k;
        }

        @Override
        List<ErpDocument> documents(MockSystem mock) {
            List<ErpDocument> out = new ArrayList<>();
            for (Map<String, Object> d : documentMaps(mock)) {
                Map<String, Object> line = onlyLine(d.get("entries"));
                // the mock's state shows no memo of a voucher, so biz_id (the usage id itself) is key and mark;
                // a voucher exists only once U8 committed it, stock included (no separate audit step for stock)
                out.add(new ErpDocument(d.get("resource") + " " + d.get("id"),
                        "otherout".equals(d.get("resource")) ? text(d.get("biz_id")) : null, text(d.get("id")),
                        text(line.get("inventorycode")), text(d.get("warehousecode")), decimal(line.get("quantity")),
                        true));
            }
            return out;
        }

        @Override
        BigDecimal stock(MockSystem mock, String partSku, String warehouse) {
            return ((U8Mock) mock).stock(partCode(partSku), warehouseCode(warehouse));
        }

        @Override
        void setStock(MockSystem mock, String partSku, String warehouse, BigDecimal quantity) {
            postAdmin(mock, "u8/stock", """
                    {"invcode":"%s","whcode":"%s","qty":%s}""".formatted(partCode(partSku),
                    warehouseCode(warehouse), quantity.toPlainString()));
        }
    },

    YONBIP("yonbip", "scm/othoutrecord/batchaudit",
            "SP-COMP-001=MAT00001,SP-PSU-002=MAT00002,SP-MCB-003=MAT00003,SP-FAN-004=MAT00004",
            "WH01=WH-SH-01,WH02=WH-GZ-02") {

        @Override
        Map<String, String> connectorKeys(String mockBaseUrl, Duration callTimeout) {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("yonbip.tenant-id", "demo-tenant");
            k.put("yonbip.discovery-url", mockBaseUrl + "/");
            k.put("yonbip.app-key", "yb-demo-app-key-0001");
            k.put("yonbip.app-secret", "yb-demo-app-secret-0001");
            k.put("yonbip.org", "ORG001");
            k.put("yonbip.product-codes", partCodes);
            k.put("yonbip.warehouse-codes", warehouseCodes);
            k.put("yonbip.timeout-ms", String.valueOf(callTimeout.toMillis()));
            k.put("yonbip.backoff-initial-ms", "50");
            k.put("yonbip.backoff-max-ms", "500");
            k.put("yonbip.requests-per-second", "1000");
            return k;
        }

        @Override
        List<ErpDocument> documents(MockSystem mock) {
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
        BigDecimal stock(MockSystem mock, String partSku, String warehouse) {
            return ((YonBipMock) mock).stock(partCode(partSku), warehouseCode(warehouse));
        }

        @Override
        void setStock(MockSystem mock, String partSku, String warehouse, BigDecimal quantity) {
            postAdmin(mock, "yonbip/stock", """
                    {"product":"%s","warehouse":"%s","qty":%s}""".formatted(partCode(partSku),
                    warehouseCode(warehouse), quantity.toPlainString()));
        }
    };

    /**
     * An outbound document as the mock holds it.
     *
     * @param label     how a failure message names it (form or resource and number)
     * @param usageId   the part usage it books, as the connector marked it; null when it carries no such mark
     * @param number    what the hub must record as the usage's ERP document number
     * @param partCode  the ERP's code of the one part on it (null when it does not have exactly one line)
     * @param booked    the ERP took the stock out (Kingdee audited, U8 committed, YonBIP audited)
     */
    record ErpDocument(String label, String usageId, String number, String partCode, String warehouseCode,
                       BigDecimal quantity, boolean booked) {
    }

    private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String mockName;
    private final String writeOperation;
    final String partCodes;
    final String warehouseCodes;

    MockErp(String mockName, String writeOperation, String partCodes, String warehouseCodes) {
        this.mockName = mockName;
        this.writeOperation = writeOperation;
        this.partCodes = partCodes;
        this.warehouseCodes = warehouseCodes;
    }

    /** The mock's name (for {@code MockSystems.start}) and the hub's {@code hub.erp.connector}. */
    String mockName() {
        return mockName;
    }

    /** The connector's keys for a hub that books against the mock at {@code mockBaseUrl}. */
    abstract Map<String, String> connectorKeys(String mockBaseUrl, Duration callTimeout);

    /** Every document the mock holds, outbound or not (anything that is not one usage's document fails the test). */
    abstract List<ErpDocument> documents(MockSystem mock);

    /** On-hand quantity in the mock of a hub part in a hub warehouse. */
    abstract BigDecimal stock(MockSystem mock, String partSku, String warehouse);

    /** Sets it, through the mock's admin API. */
    abstract void setStock(MockSystem mock, String partSku, String warehouse, BigDecimal quantity);

    /**
     * The next call of the write that takes the stock out (Kingdee Audit, U8 otherout/add, YonBIP batchaudit)
     * commits in the mock and then answers only after {@code hold}: the hub is left waiting between the ERP's
     * commit and its own journal write.
     */
    FaultPlan.Rule commitThenHoldTheAnswer(Duration hold) {
        return FaultPlan.Rule.fromMap(Map.of("operation", writeOperation, "kind", "DELAY", "phase", "AFTER",
                "count", 1, "delayMs", hold.toMillis()));
    }

    /**
     * Every call of that write commits and then answers after {@code min..max}, as a busy ERP does: the hub keeps
     * spending time between the ERP's commit and its own journal write, where a random kill then often lands.
     */
    FaultPlan.Rule commitThenAnswerLate(Duration min, Duration max) {
        return FaultPlan.Rule.fromMap(Map.of("operation", writeOperation, "kind", "DELAY", "phase", "AFTER",
                "minDelayMs", min.toMillis(), "maxDelayMs", max.toMillis()));
    }

    String partCode(String partSku) {
        return lookup(partCodes, partSku);
    }

    String warehouseCode(String warehouse) {
        return lookup(warehouseCodes, warehouse);
    }

    private static String lookup(String table, String key) {
        for (String pair : table.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(key)) {
                return kv[1];
            }
        }
        throw new IllegalArgumentException(key + " is not in " + table);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documentMaps(MockSystem mock) {
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

    private static void postAdmin(MockSystem mock, String path, String body) {
        try {
            HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock-admin/"
                    + path)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(mock.name() + " mock refused " + path + " " + body + ": "
                        + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(mock.name() + " mock admin API did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
