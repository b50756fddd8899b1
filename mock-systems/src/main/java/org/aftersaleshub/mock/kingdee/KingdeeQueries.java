package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aftersaleshub.mock.kingdee.KingdeeReplies.Failure;
import org.aftersaleshub.mock.support.MockContext;

/**
 * The Kingdee mock's read surface (docs/vendor-apis/kingdee-k3cloud.md §5.4, §6.5, §7): View of one document,
 * ExecuteBillQuery (rows as arrays) and BillQuery (rows as objects) over the forms of {@link KingdeeForms} with
 * FilterString, OrderString and paging, and the async query mode ({@code beginmethod} then {@code QueryAsyncResult}
 * polls). Not thread-safe: {@link KingdeeMock} calls it under its lock.
 */
final class KingdeeQueries {

    private static final class AsyncTask {
        int pollsLeft;
        final JsonNode result;

        AsyncTask(int pollsLeft, JsonNode result) {
            this.pollsLeft = pollsLeft;
            this.result = result;
        }
    }

    private final MockContext ctx;
    private final Supplier<KingdeeConfig> config;
    private final KingdeeStore store;
    private final KingdeeReplies replies;
    private final Map<String, AsyncTask> asyncTasks = new LinkedHashMap<>();

    KingdeeQueries(MockContext ctx, Supplier<KingdeeConfig> config, KingdeeStore store, KingdeeReplies replies) {
        this.ctx = ctx;
        this.config = config;
        this.store = store;
        this.replies = replies;
    }

    void clear() {
        asyncTasks.clear();
    }

    // ------------------------------------------------------------------ View

    String view(KingdeeEnvelope env) {
        try {
            String formId = KingdeeForms.checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            String number = KingdeeEnvelope.named(data, "Number").asText("");
            String id = KingdeeEnvelope.named(data, "Id").asText("");
            Optional<KingdeeStore.Document> found = !number.isBlank() ? store.byBillNo(formId, number)
                    : KingdeeDocuments.parseLong(id).flatMap(x -> store.byId(formId, x));
            if (found.isEmpty()) {
                throw new Failure(10, "", "单据“" + (number.isBlank() ? id : number) + "”不存在或已被删除！"); // [I]
            }
            KingdeeStore.Document d = found.get();
            ObjectNode root = ctx.json().createObjectNode();
            ObjectNode result = root.putObject("Result");
            result.putNull("ResponseStatus");
            ObjectNode doc = result.putObject("Result");
            doc.put("Id", d.id);
            doc.put("BillNo", d.billNo);
            doc.put("Number", d.billNo);
            doc.put("DocumentStatus", d.status);
            doc.put("StockDirect", d.stockDirect);
            doc.put("Date", d.date);
            doc.put("Note", d.note);
            doc.put("StockOrgId_Id", KingdeeStore.ORG_ID);
            doc.set("StockOrgId", baseData(KingdeeStore.ORG_ID, KingdeeStore.ORG_NUMBER, "总部"));
            KingdeeStore.Customer c = d.custNumber == null ? null : store.customers.get(d.custNumber);
            doc.put("CustId_Id", c == null ? 0 : c.id());
            doc.set("CustId", c == null ? ctx.json().nullNode() : baseData(c.id(), c.number(), c.name()));
            doc.put("CreateDate", KingdeeForms.K3_TIME.format(d.created));
            doc.put("ApproveDate", d.approved == null ? null : KingdeeForms.K3_TIME.format(d.approved));
            ArrayNode entries = doc.putArray("BillEntry");
            int seq = 0;
            for (KingdeeStore.Entry e : d.entries) {
                ObjectNode en = entries.addObject();
                en.put("Id", e.entryId());
                en.put("Seq", ++seq);
                KingdeeStore.Material m = store.materials.get(e.material());
                KingdeeStore.Warehouse w = store.warehouses.get(e.stock());
                en.put("MaterialId_Id", m == null ? 0 : m.id());
                en.set("MaterialId", m == null ? ctx.json().nullNode() : baseData(m.id(), m.number(), m.name()));
                en.put("StockId_Id", w == null ? 0 : w.id());
                en.set("StockId", w == null ? ctx.json().nullNode() : baseData(w.id(), w.number(), w.name()));
                en.set("Qty", node(KingdeeForms.qty(e.qty())));
                en.set("BaseQty", node(KingdeeForms.qty(e.qty())));
                en.put("EntryNote", e.note());
            }
            return root.toString();
        } catch (Failure f) {
            return replies.failure("View", f.msgCode, f.errors);
        }
    }

    private ObjectNode baseData(long id, String number, String name) {
        ObjectNode o = ctx.json().createObjectNode();
        o.put("Id", id);
        o.put("Number", number);
        o.putArray("Name").addObject().put("Key", 2052).put("Value", name);
        return o;
    }

    // ------------------------------------------------------------------ ExecuteBillQuery / BillQuery

    String query(String method, KingdeeEnvelope env) {
        try {
            JsonNode data = env.arg(0, "data");
            if (!data.isObject()) {
                throw new Failure(8, "", "data 数据包格式不正确");
            }
            String formId = KingdeeEnvelope.named(data, "FormId").asText("");
            KingdeeForms.Form form = KingdeeForms.form(formId);
            if (form == null) {
                throw new Failure(4, "", "标识为“" + formId + "”的业务对象不存在，或者被删除");
            }
            String fieldKeys = KingdeeEnvelope.named(data, "FieldKeys").asText("");
            if (fieldKeys.isBlank()) {
                throw new Failure(8, "", "data 数据包中的参数 FieldKeys 的值不能为空");
            }
            List<String> fields = new ArrayList<>();
            for (String f : fieldKeys.split(",")) {
                String t = f.trim();
                if (!form.all().contains(t.toLowerCase(Locale.ROOT))) {
                    throw new Failure(9, "", "元数据中标识为 " + t + " 的字段不存在");
                }
                fields.add(t);
            }
            List<String> filterFields = new ArrayList<>();
            Predicate<Map<String, Object>> filter;
            try {
                filter = KingdeeFilter.parse(KingdeeEnvelope.named(data, "FilterString"), form.all(), filterFields);
            } catch (KingdeeFilter.UnknownField e) {
                throw new Failure(9, "", "元数据中标识为 " + e.field + " 的字段不存在");
            } catch (KingdeeFilter.BadExpression e) {
                throw new Failure(4, "", "GetRealExpress error: " + e.getMessage());
            }
            boolean perEntry = fields.stream().anyMatch(f -> form.entryFields().contains(f.toLowerCase(Locale.ROOT)))
                    || filterFields.stream().anyMatch(form.entryFields()::contains);
            List<Map<String, Object>> rows = new ArrayList<>(KingdeeForms.rows(store, form, perEntry, ctx.now()).stream()
                    .filter(filter).toList());
            sort(rows, KingdeeEnvelope.named(data, "OrderString").asText(""), form);
            int start = Math.max(0, KingdeeEnvelope.named(data, "StartRow").asInt(0));
            int top = KingdeeEnvelope.named(data, "TopRowCount").asInt(0);
            int limit = KingdeeEnvelope.named(data, "Limit").asInt(0);
            limit = limit <= 0 ? 2000 : Math.min(limit, 10000);
            // TopRowCount is an absolute end row, not a count from StartRow [O]
            int end = Math.min(rows.size(), start + limit);
            if (top > 0) {
                end = Math.min(end, top);
            }
            List<Map<String, Object>> page = start >= end ? List.of() : rows.subList(start, end);
            ArrayNode out = ctx.json().createArrayNode();
            for (Map<String, Object> r : page) {
                if ("BillQuery".equals(method)) {
                    ObjectNode o = out.addObject();
                    fields.forEach(f -> o.set(f, node(r.get(f.toLowerCase(Locale.ROOT)))));
                } else {
                    ArrayNode a = out.addArray();
                    fields.forEach(f -> a.add(node(r.get(f.toLowerCase(Locale.ROOT)))));
                }
            }
            return out.toString();
        } catch (Failure f) {
            return replies.failure(method, f.msgCode, f.errors);
        }
    }

    private JsonNode node(Object v) {
        if (v instanceof BigDecimal bd) {
            return DecimalNode.valueOf(bd); // keep 12.0: the default node factory would strip it to 12
        }
        return v == null ? ctx.json().nullNode() : ctx.json().valueToTree(v);
    }

    private void sort(List<Map<String, Object>> rows, String order, KingdeeForms.Form form) {
        if (order.isBlank()) {
            return;
        }
        Comparator<Map<String, Object>> cmp = null;
        for (String part : order.split(",")) {
            String[] w = part.trim().split("\\s+");
            String key = w[0].toLowerCase(Locale.ROOT);
            if (!form.all().contains(key)) {
                throw new Failure(9, "", "元数据中标识为 " + w[0] + " 的字段不存在");
            }
            Comparator<Map<String, Object>> c = Comparator.comparing(r -> sortKey(r.get(key)),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if (w.length > 1 && w[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        rows.sort(cmp);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortKey(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return v == null ? null : v.toString();
    }

    // ------------------------------------------------------------------ async query mode

    /** Wraps an answer body for a call made in async mode: Status 2 at once, or Status 1 and polls. */
    String beginAsync(String body) {
        JsonNode result;
        try {
            result = ctx.json().readTree(body);
        } catch (Exception e) {
            result = ctx.json().getNodeFactory().textNode(body);
        }
        String taskId = UUID.randomUUID().toString();
        ObjectNode o = ctx.json().createObjectNode();
        int polls = config.get().getAsyncQueryPolls();
        if (polls <= 0) {
            o.put("Status", 2);
            o.put("TaskId", taskId);
            o.set("Result", result);
        } else {
            asyncTasks.put(taskId, new AsyncTask(polls, result));
            o.put("Status", 1);
            o.put("TaskId", taskId);
            o.putNull("Result");
        }
        return o.toString();
    }

    String queryAsyncResult(KingdeeEnvelope env) {
        // Java SDK: {"parameters":[{"TaskId":..,"Cancelled":false}]}; Python SDK: {"queryInfo":"{\"TaskId\":..}"}
        JsonNode info = env.arg(0, "queryInfo");
        String taskId = KingdeeEnvelope.named(info, "TaskId").asText("");
        AsyncTask task = asyncTasks.get(taskId);
        ObjectNode o = ctx.json().createObjectNode();
        if (task == null) {
            o.put("Status", 3); // [I] unknown task
            o.put("TaskId", taskId);
            o.putNull("Result");
            return o.toString();
        }
        o.put("TaskId", taskId);
        if (task.pollsLeft-- > 1) {
            o.put("Status", 1);
            o.putNull("Result");
        } else {
            asyncTasks.remove(taskId);
            o.put("Status", 2);
            o.set("Result", task.result);
        }
        return o.toString();
    }
}
