package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * The YonBIP mock's read surface (docs/vendor-apis/yonyou-yonbip.md §5.3, §5.4): products, warehouses and merchants
 * seeded from the demo data, {@code digitalModel/<kind>/list|detail}, and {@code QueryCurrentStocksByCondition} over
 * the stock ledger ({@code data} a bare array). Not thread-safe: {@link YonBipMock} calls it under its lock.
 */
final class YonBipMasterData {

    private final ObjectMapper json;
    private final YonBipReplies replies;
    private final StockLedger stock;
    private final LongSupplier nextId;
    private final Map<String, ObjectNode> products = new LinkedHashMap<>();
    private final Map<String, ObjectNode> warehouses = new LinkedHashMap<>();
    private final Map<String, ObjectNode> merchants = new LinkedHashMap<>();

    YonBipMasterData(ObjectMapper json, YonBipReplies replies, StockLedger stock, LongSupplier nextId) {
        this.json = json;
        this.replies = replies;
        this.stock = stock;
        this.nextId = nextId;
    }

    /** Warehouses, products (with their stock) and merchants from the shared sections, in YonBIP's codes. */
    void seed(JsonNode data) {
        Map<String, String> whByCode = new LinkedHashMap<>();
        for (JsonNode w : data.path("warehouses")) {
            String code = w.path("yonbipCode").asText(w.path("code").asText());
            whByCode.put(w.path("code").asText(), code);
            ObjectNode o = json.createObjectNode().put("id", String.valueOf(nextId.getAsLong())).put("code", code)
                    .put("name", w.path("name").asText());
            warehouses.put(code, o);
        }
        for (JsonNode p : data.path("parts")) {
            String code = p.path("yonbipCode").asText(p.path("sku").asText());
            ObjectNode o = json.createObjectNode().put("id", String.valueOf(nextId.getAsLong())).put("code", code)
                    .put("name", p.path("name").asText()).put("modelDescription", p.path("spec").asText())
                    .put("unitName", p.path("unit").asText());
            products.put(code, o);
            p.path("stock").fields().forEachRemaining(e -> stock.set(code,
                    whByCode.getOrDefault(e.getKey(), e.getKey()), e.getValue().decimalValue()));
        }
        for (JsonNode c : data.path("customers")) {
            String code = c.path("yonbipCode").asText(c.path("id").asText());
            merchants.put(code, json.createObjectNode().put("id", String.valueOf(nextId.getAsLong())).put("code", code)
                    .put("name", c.path("name").asText()));
        }
    }

    void clear() {
        products.clear();
        warehouses.clear();
        merchants.clear();
    }

    ObjectNode product(String code) {
        return products.get(code);
    }

    ObjectNode warehouse(String code) {
        return warehouses.get(code);
    }

    /** The code of a product given as id or code (or {@code {"code"|"id":..}}), or null when unknown. */
    String productCode(JsonNode ref) {
        return codeOf(products, ref);
    }

    /** The code of a warehouse given as id or code (or {@code {"code"|"id":..}}), or null when unknown. */
    String warehouseCode(JsonNode ref) {
        return codeOf(warehouses, ref);
    }

    private static String codeOf(Map<String, ObjectNode> data, JsonNode ref) {
        String v = ref.isObject() ? ref.path("code").asText(ref.path("id").asText()) : ref.asText("");
        if (data.containsKey(v)) {
            return v;
        }
        return data.values().stream().filter(o -> o.path("id").asText().equals(v)).map(o -> o.path("code").asText())
                .findFirst().orElse(null);
    }

    /** {@code digitalModel/<kind>/list|detail} by path (without the gateway prefix); null for other paths. */
    MockResponse read(String path, JsonNode body, String id) {
        return switch (path) {
            case "/yonbip/digitalModel/merchant/list" -> replies.list(new ArrayList<>(merchants.values()), body);
            case "/yonbip/digitalModel/product/list" -> replies.list(new ArrayList<>(products.values()), body);
            case "/yonbip/digitalModel/warehouse/list" -> replies.list(new ArrayList<>(warehouses.values()), body);
            case "/yonbip/digitalModel/merchant/detail" -> detail(merchants, id);
            case "/yonbip/digitalModel/product/detail" -> detail(products, id);
            case "/yonbip/digitalModel/warehouse/detail" -> detail(warehouses, id);
            default -> null;
        };
    }

    private MockResponse detail(Map<String, ObjectNode> data, String id) {
        return data.values().stream().filter(o -> o.path("id").asText().equals(id)).findFirst()
                .map(o -> replies.ok(o.deepCopy())).orElseGet(() -> replies.fail("1002", "数据不存在"));
    }

    private static Set<String> values(JsonNode n) {
        Set<String> out = new TreeSet<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode() && !n.isNull() && !n.asText().isBlank()) {
            out.add(n.asText());
        }
        return out;
    }

    MockResponse currentStock(JsonNode body) {
        Set<String> whFilter = new TreeSet<>(values(body.path("warehouse")));
        whFilter.addAll(values(body.path("warehouse.code")));
        Set<String> productFilter = new TreeSet<>(values(body.path("product")));
        productFilter.addAll(values(body.path("productn.code")));
        productFilter.addAll(values(body.path("product.code")));
        ArrayNode out = json.createArrayNode();
        stock.view().forEach((product, byWh) -> byWh.forEach((wh, qty) -> {
            ObjectNode p = products.get(product);
            ObjectNode w = warehouses.get(wh);
            String pid = p == null ? "" : p.path("id").asText();
            String wid = w == null ? "" : w.path("id").asText();
            if (!productFilter.isEmpty() && !productFilter.contains(product) && !productFilter.contains(pid)) {
                return;
            }
            if (!whFilter.isEmpty() && !whFilter.contains(wh) && !whFilter.contains(wid)) {
                return;
            }
            ObjectNode r = out.addObject();
            r.put("org", "ORG001");
            r.put("warehouse", wid);
            r.put("warehouse_code", wh);
            r.put("warehouse_name", w == null ? "" : w.path("name").asText());
            r.put("product", pid);
            r.put("product_code", product);
            r.put("product_name", p == null ? "" : p.path("name").asText());
            r.putNull("productsku");
            r.put("unit", p == null ? "" : p.path("unitName").asText());
            r.put("currentqty", qty);
            r.put("innoticeqty", BigDecimal.ZERO);
            r.put("planavailableqty", qty);
            r.put("availableqty", qty);
            r.put("preretailqty", BigDecimal.ZERO);
            r.putNull("stockStatusDoc");
            r.put("invStockExchRate", 1);
            r.put("currentStockSubQty", qty);
        }));
        return replies.ok(out); // a bare array, not data.recordList
    }
}
