package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.wecom.connection.WeComClient;
import org.aftersaleshub.connector.wecom.connection.WeComReply;

/**
 * The contacts (通讯录) reads the staff sync needs (docs/vendor-apis/wecom.md §9), within the app's visible range:
 * departments with their leaders, and every member. Member ids come from {@code user/list_id}, paged by cursor to
 * the end — the one list call every secret may still make (docs/vendor-apis/wecom.md §9.4); details come from
 * {@code user/list} per top department, or from {@code user/get} per member when WeCom refuses the list call.
 * Thread-safe: holds only the client.
 */
public final class WeComDirectory {

    /** {@code user/get} for an unknown or removed member (docs/vendor-apis/wecom.md §9.6). */
    static final int USER_NOT_FOUND = 60111;

    private final WeComClient client;
    private final ObjectMapper json;
    private final int pageSize;

    WeComDirectory(WeComClient client, ObjectMapper json, int pageSize) {
        this.client = client;
        this.json = json;
        this.pageSize = pageSize;
    }

    /** Every department the app sees, with its leaders ({@code department/list}, docs/vendor-apis/wecom.md §9.2). */
    public List<WeComDepartment> departments() {
        JsonNode body = ok(client.get("department/list", Map.of()), "department/list");
        List<WeComDepartment> out = new ArrayList<>();
        for (JsonNode d : body.path("department")) {
            List<String> leaders = new ArrayList<>();
            d.path("department_leader").forEach(l -> leaders.add(l.asText()));
            out.add(new WeComDepartment(d.path("id").asLong(), d.path("name").asText(""), d.path("parentid").asLong(),
                    d.path("order").asLong(), leaders));
        }
        return out;
    }

    /**
     * Every member id, paging {@code user/list_id} until {@code next_cursor} is empty (docs/vendor-apis/wecom.md §9.3).
     */
    public List<String> memberIds() {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = "";
        do {
            ObjectNode req = json.createObjectNode().put("limit", pageSize);
            if (!cursor.isEmpty()) {
                req.put("cursor", cursor);
            }
            JsonNode page = ok(client.post("user/list_id", req, false), "user/list_id");
            // one row per (member, department) of the member
            page.path("dept_user").forEach(row -> ids.add(row.path("userid").asText()));
            cursor = page.path("next_cursor").asText("");
        } while (!cursor.isEmpty());
        return List.copyOf(ids);
    }

    /** One member ({@code user/get}); empty when WeCom does not know the id (60111). */
    public Optional<WeComMember> member(String userId) {
        WeComReply r = client.get("user/get", Map.of("userid", userId));
        if (r.errcode() == USER_NOT_FOUND) {
            return Optional.empty();
        }
        return Optional.of(member(ok(r, "user/get")));
    }

    /**
     * Every member the app sees, each once: the ids of {@code user/list_id}, detailed by {@code user/list} of each top
     * department (fetch_child=1) and {@code user/get} for the rest, or for all when the list call is refused
     * (docs/vendor-apis/wecom.md §9.4). A member removed between the two reads is left out.
     */
    public List<WeComMember> members() {
        List<String> ids = memberIds();
        Map<String, WeComMember> details = new LinkedHashMap<>();
        List<WeComDepartment> depts = departments();
        Set<Long> known = new LinkedHashSet<>();
        depts.forEach(d -> known.add(d.id()));
        for (WeComDepartment d : depts) {
            if (known.contains(d.parentId())) {
                continue; // fetch_child=1 of its top department covers it
            }
            WeComReply r = client.get("user/list", Map.of("department_id", String.valueOf(d.id()),
                    "fetch_child", "1"));
            if (!r.ok()) {
                break; // refused for this app or IP (docs/vendor-apis/wecom.md §9.4): user/get below covers all
            }
            r.body().path("userlist").forEach(u -> {
                WeComMember m = member(u);
                details.putIfAbsent(m.userId().toLowerCase(Locale.ROOT), m);
            });
        }
        List<WeComMember> out = new ArrayList<>();
        for (String id : ids) {
            WeComMember m = details.get(id.toLowerCase(Locale.ROOT));
            if (m == null) {
                Optional<WeComMember> fetched = member(id);
                if (fetched.isEmpty()) {
                    continue;
                }
                m = fetched.get();
            }
            out.add(m);
        }
        return out;
    }

    private static WeComMember member(JsonNode u) {
        List<Long> depts = new ArrayList<>();
        u.path("department").forEach(d -> depts.add(d.asLong()));
        List<Long> leaderOf = new ArrayList<>();
        JsonNode flags = u.path("is_leader_in_dept");
        for (int i = 0; i < depts.size() && i < flags.size(); i++) {
            if (flags.get(i).asInt() == 1) {
                leaderOf.add(depts.get(i));
            }
        }
        String mobile = u.path("mobile").asText("");
        return new WeComMember(u.path("userid").asText(), u.path("name").asText(""),
                mobile.isEmpty() ? Optional.empty() : Optional.of(mobile), u.path("position").asText(""), depts,
                leaderOf, u.path("main_department").asLong(0), WeComMember.Status.of(u.path("status").asInt(0)));
    }

    private static JsonNode ok(WeComReply r, String api) {
        if (!r.ok()) {
            // no permission (60011), refused list call, bad parameter: configuration, not a passing fault
            throw new ConnectorException("wecom", Outcome.NOT_RETRYABLE, api + ": " + r.describe());
        }
        return r.body();
    }
}
