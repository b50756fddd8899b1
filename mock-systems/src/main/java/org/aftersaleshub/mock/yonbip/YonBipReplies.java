package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The YonBIP mock's answers (docs/vendor-apis/yonyou-yonbip.md §4.1, §4.3): {@code code}/{@code message}/{@code data}
 * envelopes, {@code "200"} for success, business failures as HTTP 200, and the paged {@code data.recordList} of the
 * list APIs.
 */
final class YonBipReplies {

    private final ObjectMapper json;

    YonBipReplies(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode envelope(String code, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    MockResponse answer(int status, ObjectNode body) {
        return MockResponse.json(status, body.toString());
    }

    MockResponse ok(JsonNode data) {
        ObjectNode o = envelope("200", "操作成功");
        o.set("data", data);
        return answer(200, o);
    }

    MockResponse fail(String code, String message) {
        return answer(200, envelope(code, message));
    }

    /** {@code data.recordList} paged by {@code pageIndex}/{@code pageSize}, optionally filtered by {@code code}. */
    MockResponse list(List<ObjectNode> all, JsonNode body) {
        int pageIndex = Math.max(1, body.path("pageIndex").asInt(1));
        int pageSize = Math.max(1, body.path("pageSize").asInt(10));
        String code = body.path("code").asText("");
        List<ObjectNode> rows = all.stream().filter(o -> code.isBlank() || o.path("code").asText().equals(code)).toList();
        ObjectNode data = json.createObjectNode();
        data.put("pageIndex", pageIndex);
        data.put("pageSize", pageSize);
        data.put("recordCount", rows.size());
        data.put("pageCount", (rows.size() + pageSize - 1) / pageSize);
        ArrayNode list = data.putArray("recordList");
        int from = Math.min(rows.size(), (pageIndex - 1) * pageSize);
        rows.subList(from, Math.min(rows.size(), from + pageSize)).forEach(r -> list.add(r.deepCopy()));
        return ok(data);
    }
}
