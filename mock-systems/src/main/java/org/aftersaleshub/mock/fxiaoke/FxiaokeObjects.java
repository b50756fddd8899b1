package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * FXiaoKe's object data API (docs/vendor-apis/fxiaoke.md §5, §7.3): {@code AccountObj}, {@code ContactObj} and
 * configured custom objects ({@code __c}); query with filters, orders, projection and the paging limits, get, create,
 * update (owner refused), invalid, delete (only after invalid) and changeOwner; every write recorded and announced to
 * {@link FxiaokeCallbacks}. Not thread-safe: called with the mock's lock held.
 */
final class FxiaokeObjects {

    private static final Set<String> PRESET_OBJECTS = Set.of("AccountObj", "ContactObj");

    private final ImCrmContext<FxiaokeSettings, String> p;
    private final FxiaokeTenant tenant;
    private final FxiaokeAnswers answers;
    private final FxiaokeCallbacks callbacks;
    private final AtomicLong idSeq = new AtomicLong(0x6a0000000000L);
    private final Set<String> customObjects = new LinkedHashSet<>();
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final List<Map<String, Object>> writes = new ArrayList<>();
    /** Every create and update as it was asked for, refused ones too: what a client sent, not what was kept. */
    private final List<Map<String, Object>> writeRequests = new ArrayList<>();

    FxiaokeObjects(ImCrmContext<FxiaokeSettings, String> platform, FxiaokeTenant tenant, FxiaokeAnswers answers,
                   FxiaokeCallbacks callbacks) {
        this.p = platform;
        this.tenant = tenant;
        this.answers = answers;
        this.callbacks = callbacks;
    }

    // ------------------------------------------------------------------ seed, state

    void addCustomObject(String apiName) {
        customObjects.add(apiName);
    }

    /** Accounts and their contacts from the shared {@code customers} with an {@code fxiaokeId}. */
    void seedCustomers(JsonNode data) {
        long t = p.millis();
        for (JsonNode c : data.path("customers")) {
            String id = c.path("fxiaokeId").asText(null);
            if (id == null) {
                continue;
            }
            ObjectNode acc = newRecord("AccountObj", id, t);
            acc.put("name", c.path("name").asText());
            acc.put("account_no", c.path("id").asText());
            acc.put("region__c", c.path("region").asText(""));
            acc.put("account_level", c.path("tier").asText(""));
            table("AccountObj").put(id, acc);
            int n = 0;
            for (JsonNode ct : c.path("contacts")) {
                String cid = "7" + id.substring(Math.min(3, id.length())) + String.format("%02d", n++); // unique per customer
                ObjectNode con = newRecord("ContactObj", cid, t);
                con.put("name", ct.path("name").asText());
                con.put("account_id", id);
                con.put("mobile1", ct.path("phone").asText(""));
                con.put("email", ct.path("email").asText(""));
                table("ContactObj").put(cid, con);
            }
        }
    }

    private ObjectNode newRecord(String apiName, String id, long nowMs) {
        ObjectNode r = p.json().createObjectNode();
        r.put("_id", id);
        r.put("object_describe_api_name", apiName);
        r.putArray("owner").add(tenant.crmUserId);
        r.putArray("created_by").add(tenant.crmUserId);
        r.put("create_time", nowMs);
        r.put("last_modified_time", nowMs);
        r.put("life_status", "normal");
        r.put("is_deleted", false);
        return r;
    }

    private Map<String, ObjectNode> table(String apiName) {
        return objects.computeIfAbsent(apiName, k -> new LinkedHashMap<>());
    }

    void clear() {
        customObjects.clear();
        objects.clear();
        writes.clear();
        writeRequests.clear();
    }

    List<String> customObjects() {
        return List.copyOf(customObjects);
    }

    /** {@code objectCounts}, {@code objects} and {@code writes} of the state snapshot. */
    void putState(Map<String, Object> s) {
        Map<String, Object> counts = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        objects.forEach((api, t) -> {
            counts.put(api, t.size());
            data.put(api, p.json().convertValue(List.copyOf(t.values()), List.class));
        });
        s.put("objectCounts", counts);
        s.put("objects", data);
        s.put("writes", List.copyOf(writes));
        s.put("writeRequests", List.copyOf(writeRequests));
    }

    /** A stored record (a copy), or null. */
    JsonNode record(String apiName, String id) {
        ObjectNode r = objects.getOrDefault(apiName, Map.of()).get(id);
        return r == null ? null : r.deepCopy();
    }

    // ------------------------------------------------------------------ the API

    /** Answers {@code action} on {@code apiName}; an unknown object is an illegal parameter. */
    MockResponse handle(String action, String apiName, JsonNode body, JsonNode data) {
        if (!PRESET_OBJECTS.contains(apiName) && !customObjects.contains(apiName)) {
            return answers.illegal("dataObjectApiName");
        }
        if (action.equals("create") || action.equals("update")) {
            recordWriteRequest(action, apiName, body, data);
        }
        return switch (action) {
            case "query" -> query(apiName, data);
            case "get" -> get(apiName, data);
            case "create" -> create(apiName, body, data);
            case "update" -> update(apiName, body, data);
            case "invalid" -> invalidate(apiName, data);
            case "delete" -> delete(apiName, data);
            default -> changeOwner(apiName, data);
        };
    }

    private MockResponse query(String apiName, JsonNode data) {
        JsonNode q = data.path("search_query_info");
        int limit = q.path("limit").asInt(20);
        int offset = q.path("offset").asInt(0);
        if (offset > p.settings().maxOffset) {
            return answers.error(10013, "offset out of range " + p.settings().maxOffset);
        }
        if (limit < 1 || limit > p.settings().maxLimit) {
            return answers.illegal("limit");
        }
        if (offset < 0 || offset % limit != 0) {
            return answers.illegal("offset");
        }
        boolean filtersLifeStatus = false;
        for (JsonNode f : q.path("filters")) {
            filtersLifeStatus |= "life_status".equals(f.path("field_name").asText());
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode r : table(apiName).values()) {
            if (!filtersLifeStatus && "invalid".equals(r.path("life_status").asText())) {
                continue; // invalidated records leave the default list
            }
            boolean all = true;
            for (JsonNode f : q.path("filters")) {
                all &= QueryFilters.matches(r.path(f.path("field_name").asText()), f.path("operator").asText("EQ"),
                        f.path("field_values"));
            }
            if (all) {
                rows.add(r);
            }
        }
        Comparator<ObjectNode> order = null;
        for (JsonNode o : q.path("orders")) {
            String field = o.path("fieldName").asText();
            Comparator<ObjectNode> c = (a, b) -> QueryFilters.compare(a.path(field), b.path(field));
            if (!o.path("isAsc").asBoolean(true)) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        if (order != null) {
            rows.sort(order);
        }
        List<String> projection = new ArrayList<>();
        q.path("fieldProjection").forEach(f -> projection.add(f.asText()));
        List<JsonNode> page = new ArrayList<>();
        for (int i = offset; i < Math.min(rows.size(), offset + limit); i++) {
            ObjectNode r = rows.get(i).deepCopy();
            if (!projection.isEmpty()) {
                r.retain(projection);
            }
            page.add(r);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataList", page);
        d.put("offset", offset);
        d.put("limit", limit);
        d.put("total", rows.size());
        return answers.ok(Map.of("data", d));
    }

    private MockResponse get(String apiName, JsonNode data) {
        ObjectNode r = table(apiName).get(data.path("objectDataId").asText(""));
        return r == null ? answers.illegal("objectDataId") : answers.ok(Map.of("data", r.deepCopy()));
    }

    private MockResponse create(String apiName, JsonNode body, JsonNode data) {
        JsonNode od = data.path("object_data");
        if (!od.isObject()) {
            return answers.illegal("object_data");
        }
        if (od.path("name").asText("").isBlank()) {
            return answers.illegal("name");
        }
        if (apiName.equals("ContactObj") && od.hasNonNull("account_id")
                && !table("AccountObj").containsKey(od.get("account_id").asText())) {
            return answers.illegal("account_id");
        }
        String id = Long.toHexString(idSeq.incrementAndGet()) // 24 hex digits, like FXiaoKe's object ids
                + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long now = p.millis();
        ObjectNode r = newRecord(apiName, id, now);
        od.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("dataObjectApiName") && !e.getKey().equals("_id")) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (!r.get("owner").isArray()) {
            r.putArray("owner").add(r.get("owner").asText()); // employee fields are lists even when single-valued
        }
        table(apiName).put(id, r);
        recordWrite("create", apiName, id, body);
        callbacks.changed("add", apiName, id);
        return answers.ok(Map.of("dataId", id));
    }

    private MockResponse update(String apiName, JsonNode body, JsonNode data) {
        JsonNode od = data.path("object_data");
        ObjectNode r = table(apiName).get(od.path("_id").asText(""));
        if (r == null) {
            return answers.illegal("_id");
        }
        if (od.has("owner")) {
            // [O] rule, [I] code
            return answers.error(p.settings().illegalParameterErrorCode, "owner can not be updated, use changeOwner");
        }
        if ("invalid".equals(r.path("life_status").asText())) {
            return answers.illegal("_id");
        }
        od.fields().forEachRemaining(e -> {
            if (!Set.of("dataObjectApiName", "_id", "create_time", "created_by").contains(e.getKey())) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        r.put("last_modified_time", p.millis());
        recordWrite("update", apiName, r.get("_id").asText(), body);
        callbacks.changed("update", apiName, r.get("_id").asText());
        return answers.ok(Map.of());
    }

    private MockResponse invalidate(String apiName, JsonNode data) {
        ObjectNode r = table(apiName).get(data.path("object_data_id").asText(""));
        if (r == null) {
            return answers.illegal("object_data_id");
        }
        r.put("life_status", "invalid");
        r.put("last_modified_time", p.millis());
        recordWrite("invalid", apiName, r.get("_id").asText(), data);
        callbacks.changed("invalid", apiName, r.get("_id").asText());
        return answers.ok(Map.of());
    }

    private MockResponse delete(String apiName, JsonNode data) {
        JsonNode ids = data.path("idList");
        if (!ids.isArray() || ids.isEmpty()) {
            return answers.illegal("idList");
        }
        for (JsonNode id : ids) {
            ObjectNode r = table(apiName).get(id.asText());
            if (r == null) {
                return answers.illegal("idList");
            }
            if (!"invalid".equals(r.path("life_status").asText())) {
                return answers.error(p.settings().illegalParameterErrorCode,
                        "data " + id.asText() + " must be invalidated before delete");
            }
        }
        for (JsonNode id : ids) {
            table(apiName).remove(id.asText());
            recordWrite("delete", apiName, id.asText(), data);
            callbacks.changed("delete", apiName, id.asText());
        }
        return answers.ok(Map.of());
    }

    private MockResponse changeOwner(String apiName, JsonNode data) {
        JsonNode list = data.path("Data");
        if (!list.isArray() || list.isEmpty()) {
            return answers.illegal("Data");
        }
        for (JsonNode item : list) {
            if (!table(apiName).containsKey(item.path("objectDataId").asText("")) || !item.path("ownerId").isArray()) {
                return answers.illegal("objectDataId");
            }
        }
        for (JsonNode item : list) {
            ObjectNode r = table(apiName).get(item.get("objectDataId").asText());
            r.set("owner", item.get("ownerId").deepCopy());
            r.put("last_modified_time", p.millis());
            recordWrite("changeOwner", apiName, r.get("_id").asText(), data);
            callbacks.changed("update", apiName, r.get("_id").asText());
        }
        return answers.ok(Map.of());
    }

    /** {@code writeRequests} of the state: action, object, the field names of object_data and triggerWorkFlow. */
    private void recordWriteRequest(String action, String apiName, JsonNode body, JsonNode data) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("action", action);
        w.put("apiName", apiName);
        w.put("dataId", data.path("object_data").path("_id").asText(null));
        List<String> fields = new ArrayList<>();
        data.path("object_data").fieldNames().forEachRemaining(fields::add);
        w.put("fields", fields);
        w.put("triggerWorkFlow", body.path("triggerWorkFlow").asBoolean(true));
        w.put("atMillis", p.millis());
        writeRequests.add(w);
    }

    private void recordWrite(String action, String apiName, String id, JsonNode body) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("action", action);
        w.put("apiName", apiName);
        w.put("dataId", id);
        w.put("atMillis", p.millis());
        // writes fire workflows unless told otherwise (docs/vendor-apis/fxiaoke.md §5.2: both flags default to true)
        w.put("triggerWorkFlow", body.path("triggerWorkFlow").asBoolean(true));
        w.put("triggerApprovalFlow", body.path("triggerApprovalFlow").asBoolean(true));
        writes.add(w);
    }
}
