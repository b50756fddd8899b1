package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * The U8 mock's read surface (docs/vendor-apis/yonyou-u8.md §6, §7): warehouses, inventories and customers seeded from
 * the demo data, {@code currentstock/batch_get} over the stock ledger, and
 * {@code customer|inventory|warehouse/get|batch_get},
 * with code ranges, name filters and string-typed paging. Not thread-safe: {@link U8Mock} calls it under its lock.
 */
final class U8MasterData {

    private final ObjectMapper json;
    private final Supplier<U8Config> config;
    private final U8Replies replies;
    private final StockLedger stock;
    private final Map<String, Map<String, String>> warehouses = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> inventories = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> customers = new LinkedHashMap<>();

    U8MasterData(ObjectMapper json, Supplier<U8Config> config, U8Replies replies, StockLedger stock) {
        this.json = json;
        this.config = config;
        this.replies = replies;
        this.stock = stock;
    }

    boolean hasWarehouse(String code) {
        return warehouses.containsKey(code);
    }

    boolean hasInventory(String code) {
        return inventories.containsKey(code);
    }

    /** Warehouses, inventories (with their stock) and customers from the shared sections, in U8's codes. */
    void seed(JsonNode data) {
        Map<String, String> whByCode = new LinkedHashMap<>();
        for (JsonNode w : data.path("warehouses")) {
            String code = w.path("u8Code").asText(w.path("code").asText());
            whByCode.put(w.path("code").asText(), code);
            warehouses.put(code, Map.of("code", code, "name", w.path("name").asText()));
        }
        for (JsonNode p : data.path("parts")) {
            String code = p.path("u8Code").asText(p.path("sku").asText());
            Map<String, String> inv = new LinkedHashMap<>();
            inv.put("code", code);
            inv.put("name", p.path("name").asText());
            inv.put("specs", p.path("spec").asText());
            inv.put("main_measure", p.path("unit").asText());
            inv.put("stunit_name", p.path("unit").asText());
            inventories.put(code, inv);
            p.path("stock").fields().forEachRemaining(e -> stock.set(code,
                    whByCode.getOrDefault(e.getKey(), e.getKey()), e.getValue().decimalValue()));
        }
        for (JsonNode c : data.path("customers")) {
            String code = c.path("u8Code").asText(c.path("id").asText());
            Map<String, String> cu = new LinkedHashMap<>();
            cu.put("code", code);
            cu.put("name", c.path("name").asText());
            cu.put("abbrname", c.path("name").asText());
            cu.put("domain_code", c.path("region").asText());
            JsonNode contact = c.path("contacts").path(0);
            cu.put("contact", contact.path("name").asText());
            cu.put("mobile", contact.path("phone").asText());
            customers.put(code, cu);
        }
    }

    void clear() {
        warehouses.clear();
        inventories.clear();
        customers.clear();
    }

    /** The GET reads by {@code resource/op}; null for one this surface does not serve. */
    MockResponse read(String resourceOp, Map<String, String> q) {
        return switch (resourceOp) {
            case "currentstock/batch_get" -> currentStock(q);
            case "customer/get" -> getOne("customer", customers, q.get("id"));
            case "inventory/get" -> getOne("inventory", inventories, q.get("id"));
            case "customer/batch_get" -> batch("customer", customers, q);
            case "inventory/batch_get" -> batch("inventory", inventories, q);
            // the warehouse archive (仓库档案) reads like the others: by code, or a code range under "warehouse",
            // which it also takes as cwhcode_begin/_end (docs/vendor-apis/yonyou-u8.md §7)
            case "warehouse/get" -> getOne("warehouse", warehouses, q.get("id"));
            case "warehouse/batch_get" -> batch("warehouse", warehouses, q,
                    range(q, "code", "cwhcode_begin", "cwhcode_end"));
            default -> null;
        };
    }

    private MockResponse currentStock(Map<String, String> q) {
        List<Map<String, Object>> rows = new ArrayList<>();
        stock.view().forEach((inv, byWh) -> byWh.forEach((wh, qty) -> {
            Map<String, String> item = inventories.getOrDefault(inv, Map.of());
            Map<String, String> w = warehouses.getOrDefault(wh, Map.of());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("whcode", wh);
            r.put("whname", w.getOrDefault("name", ""));
            r.put("invcode", inv);
            r.put("invname", item.getOrDefault("name", ""));
            r.put("invstd", item.getOrDefault("specs", ""));
            r.put("batch", "");
            r.put("qty", qty);
            r.put("stopqty", BigDecimal.ZERO);
            r.put("inqty", BigDecimal.ZERO);
            r.put("outqty", BigDecimal.ZERO);
            r.put("availqty", qty);
            rows.add(r);
        }));
        Predicate<Map<String, Object>> f = range(q, "whcode", "whcode_begin", "whcode_end")
                .and(range(q, "invcode", "invcode_begin", "invcode_end"))
                .and(contains(q, "whname", "whname")).and(contains(q, "invname", "invname"));
        return page("currentstock", rows.stream().filter(f).toList(), q);
    }

    private static Predicate<Map<String, Object>> range(Map<String, String> q, String field, String begin, String end) {
        String b = U8Replies.blankToNull(q.get(begin));
        String e = U8Replies.blankToNull(q.get(end));
        return r -> (b == null || String.valueOf(r.get(field)).compareTo(b) >= 0)
                && (e == null || String.valueOf(r.get(field)).compareTo(e) <= 0);
    }

    private static Predicate<Map<String, Object>> contains(Map<String, String> q, String field, String param) {
        String v = U8Replies.blankToNull(q.get(param));
        return r -> v == null || String.valueOf(r.get(field)).contains(v);
    }

    /** The list under {@code key} with string-typed paging fields. */
    private MockResponse page(String key, List<Map<String, Object>> all, Map<String, String> q) {
        int index = Math.max(1, parseInt(q.get("page_index"), 1));
        int size = Math.max(1, parseInt(q.get("rows_per_page"), 20));
        int from = Math.min(all.size(), (index - 1) * size);
        int to = Math.min(all.size(), from + size);
        ObjectNode o = replies.okBody("");
        o.put("page_index", String.valueOf(index));
        o.put("rows_per_page", String.valueOf(size));
        o.put("row_count", String.valueOf(all.size()));
        o.put("page_count", String.valueOf((all.size() + size - 1) / size));
        ArrayNode list = o.putArray(key);
        all.subList(from, to).forEach(r -> list.add(json.valueToTree(r)));
        return replies.ok(o);
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private MockResponse getOne(String key, Map<String, Map<String, String>> data, String id) {
        Map<String, String> row = id == null ? null : data.get(id);
        if (row == null) {
            return replies.error(config.get().getNotFoundErrcode(), "编码为[" + id + "]的数据不存在"); // [I]
        }
        ObjectNode o = replies.okBody("");
        o.set(key, json.valueToTree(row));
        return replies.ok(o);
    }

    private MockResponse batch(String key, Map<String, Map<String, String>> data, Map<String, String> q) {
        return batch(key, data, q, r -> true);
    }

    private MockResponse batch(String key, Map<String, Map<String, String>> data, Map<String, String> q,
                               Predicate<Map<String, Object>> more) {
        Function<Map<String, String>, Map<String, Object>> copy = LinkedHashMap::new;
        List<Map<String, Object>> rows = data.values().stream().map(copy).toList();
        Predicate<Map<String, Object>> f = range(q, "code", "code_begin", "code_end").and(contains(q, "name", "name"))
                .and(more);
        return page(key, rows.stream().filter(f).toList(), q);
    }
}
