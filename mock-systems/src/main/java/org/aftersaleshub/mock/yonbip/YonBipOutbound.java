package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * The YonBIP mock's other-outbound surface (docs/vendor-apis/yonyou-yonbip.md §5.1, §5.2, §6):
 * {@code othoutrecord/single/save} (required fields, {@code _status} Insert/Update, {@code resubmitCheckKey} ≤ 32
 * characters and de-duplicated, trace fields kept), {@code batchaudit} (deducts stock; {@code code "200"} even when
 * items fail), {@code detail} and {@code list}. Not thread-safe: {@link YonBipMock} calls it under its lock.
 */
final class YonBipOutbound {

    private static final DateTimeFormatter PUBTS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final MockContext ctx;
    private final Supplier<YonBipConfig> config;
    private final YonBipReplies replies;
    private final YonBipMasterData masterData;
    private final StockLedger stock;
    private final LongSupplier nextId;
    private final List<ObjectNode> documents = new ArrayList<>();
    private final Map<String, ObjectNode> byResubmitKey = new LinkedHashMap<>();

    YonBipOutbound(MockContext ctx, Supplier<YonBipConfig> config, YonBipReplies replies, YonBipMasterData masterData,
                   StockLedger stock, LongSupplier nextId) {
        this.ctx = ctx;
        this.config = config;
        this.replies = replies;
        this.masterData = masterData;
        this.stock = stock;
        this.nextId = nextId;
    }

    /** The saved documents themselves, oldest first (callers copy or convert before handing them out). */
    List<ObjectNode> documents() {
        return documents;
    }

    void clear() {
        documents.clear();
        byResubmitKey.clear();
    }

    private Optional<ObjectNode> findDoc(String id) {
        return documents.stream().filter(d -> d.path("id").asText().equals(id)).findFirst();
    }

    MockResponse detail(String id) {
        return findDoc(id).map(d -> replies.ok(d)).orElseGet(() -> replies.fail("1002", "数据不存在"));
    }

    MockResponse list(JsonNode body) {
        return replies.list(new ArrayList<>(documents), body);
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    MockResponse save(JsonNode data) {
        YonBipConfig cfg = config.get();
        if (!data.isObject()) {
            return replies.fail("999", "参数data不能为空");
        }
        String key = data.path("resubmitCheckKey").asText("");
        if (key.length() > 32) {
            return replies.fail("999", "resubmitCheckKey长度不能超过32位"); // [I] the documented limit, text unknown
        }
        if (!key.isEmpty() && byResubmitKey.containsKey(key)) {
            if (cfg.getResubmitPolicy() == YonBipConfig.ResubmitPolicy.ERROR) {
                return replies.fail("999", "请勿重复提交，resubmitCheckKey[" + key + "]已被使用"); // [I]
            }
            return replies.ok(byResubmitKey.get(key).deepCopy());
        }
        String status = data.path("_status").asText("Insert");
        for (String required : List.of("org", "vouchdate", "bustype", "warehouse")) {
            if (data.path(required).asText("").isBlank() && !data.path(required).isObject()) {
                return replies.fail("999", "字段[" + required + "]不能为空"); // [I]
            }
        }
        String wh = masterData.warehouseCode(data.path("warehouse"));
        if (wh == null) {
            return replies.fail("999", "仓库[" + data.path("warehouse").asText() + "]不存在"); // [I]
        }
        JsonNode lines = data.path("othOutRecords");
        if (!lines.isArray() || lines.isEmpty()) {
            return replies.fail("999", "表体othOutRecords不能为空"); // [I]
        }
        ArrayNode rows = ctx.json().createArrayNode();
        int n = 0;
        for (JsonNode l : lines) {
            n++;
            String product = masterData.productCode(l.path("product"));
            BigDecimal qty = decimal(l.path("qty"));
            if (product == null) {
                return replies.fail("999", "第" + n + "行物料[" + l.path("product").asText() + "]不存在"); // [I]
            }
            if (qty == null || qty.signum() <= 0) {
                return replies.fail("999", "第" + n + "行数量必须大于0"); // [I]
            }
            ObjectNode r = rows.addObject();
            r.put("id", String.valueOf(nextId.getAsLong()));
            r.put("product", masterData.product(product).path("id").asText());
            r.put("product_code", product);
            r.put("qty", qty);
            r.put("unit", l.path("unit").asText(masterData.product(product).path("unitName").asText()));
            r.put("memo", l.path("memo").asText(""));
        }
        ObjectNode doc;
        if ("Update".equalsIgnoreCase(status)) {
            Optional<ObjectNode> found = findDoc(data.path("id").asText());
            if (found.isEmpty()) {
                return replies.fail("1002", "数据不存在");
            }
            doc = found.get();
            if (doc.path("audited").asBoolean()) {
                return replies.fail("999", "单据[" + doc.path("code").asText() + "]已审核，不能修改"); // [I]
            }
        } else {
            doc = ctx.json().createObjectNode();
            doc.put("id", String.valueOf(nextId.getAsLong()));
            doc.put("code", data.path("code").asText("").isBlank()
                    ? String.format("QTCK%s%04d", PUBTS.format(ctx.now()).substring(0, 10).replace("-", ""), documents.size() + 1)
                    : data.path("code").asText());
            documents.add(doc);
        }
        doc.put("status", cfg.getSavedStatus());
        doc.put("org", data.path("org").asText());
        doc.put("accountOrg", data.path("accountOrg").asText(data.path("org").asText()));
        doc.put("vouchdate", data.path("vouchdate").asText());
        doc.put("bustype", data.path("bustype").asText());
        doc.put("warehouse", masterData.warehouse(wh).path("id").asText());
        doc.put("warehouse_code", wh);
        doc.put("memo", data.path("memo").asText(""));
        if (!key.isEmpty()) {
            doc.put("resubmitCheckKey", key);
        }
        for (String trace : List.of("out_sys_id", "out_sys_code", "out_sys_type")) {
            if (data.has(trace)) {
                doc.put(trace, data.path(trace).asText());
            }
        }
        doc.set("othOutRecords", rows);
        doc.put("audited", false);
        doc.put("pubts", PUBTS.format(ctx.now()));
        if (!key.isEmpty()) {
            byResubmitKey.put(key, doc.deepCopy());
        }
        return replies.ok(doc.deepCopy());
    }

    MockResponse batchAudit(JsonNode data) {
        ArrayNode infos = ctx.json().createArrayNode();
        ArrayNode failInfos = ctx.json().createArrayNode();
        ArrayNode messages = ctx.json().createArrayNode();
        int count = 0;
        for (JsonNode item : data.isArray() ? data : ctx.json().createArrayNode().add(data)) {
            count++;
            String id = item.path("id").asText();
            Optional<ObjectNode> doc = findDoc(id);
            String problem = null;
            if (doc.isEmpty()) {
                problem = "单据[" + id + "]不存在";
            } else if (doc.get().path("audited").asBoolean()) {
                problem = "单据[" + doc.get().path("code").asText() + "]已审核"; // [I]
            } else if (!config.get().isAllowNegativeStock()) {
                problem = shortage(doc.get());
            }
            if (problem != null) {
                failInfos.addObject().put("id", id).put("message", problem);
                messages.add(problem);
                continue;
            }
            ObjectNode d = doc.get();
            String wh = d.path("warehouse_code").asText();
            for (JsonNode r : d.path("othOutRecords")) {
                stock.add(r.path("product_code").asText(), wh, r.path("qty").decimalValue().negate());
            }
            d.put("audited", true);
            d.put("status", 3); // [I] audited
            d.put("pubts", PUBTS.format(ctx.now()));
            infos.add(d.deepCopy());
        }
        ObjectNode out = ctx.json().createObjectNode();
        out.put("count", count);
        out.put("sucessCount", infos.size()); // sic, as the platform spells it
        out.put("failCount", failInfos.size());
        out.set("messages", messages);
        out.set("infos", infos);
        out.set("failInfos", failInfos);
        return replies.ok(out);
    }

    private String shortage(ObjectNode doc) {
        String wh = doc.path("warehouse_code").asText();
        Map<String, BigDecimal> need = new LinkedHashMap<>();
        doc.path("othOutRecords").forEach(r -> need.merge(r.path("product_code").asText(), r.path("qty").decimalValue(),
                BigDecimal::add));
        for (var e : need.entrySet()) {
            BigDecimal have = stock.quantity(e.getKey(), wh);
            if (have.compareTo(e.getValue()) < 0) {
                return "物料[" + e.getKey() + "]在仓库[" + wh + "]现存量不足，可用量" + have.toPlainString(); // [gap]
            }
        }
        return null;
    }
}
