package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkClient;
import org.aftersaleshub.connector.http.Outcome;

/** Reads the contacts tree and members through the legacy topapi calls (docs/vendor-apis/dingtalk.md §12). */
final class DingTalkContactsReader implements DingTalkDirectory {

    /** The largest page user/list takes (docs/vendor-apis/dingtalk.md §12.4). */
    static final int PAGE_SIZE = 100;
    /** A guard against a cursor that never ends (a platform fault), far above any real department. */
    private static final int MAX_PAGES = 10_000;

    private final DingTalkClient client;

    DingTalkContactsReader(DingTalkClient client) {
        this.client = client;
    }

    @Override
    public List<Department> departments() {
        List<Department> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(ROOT));
        while (!todo.isEmpty()) {
            long id = todo.removeFirst();
            if (!seen.add(id)) {
                continue;
            }
            out.add(department(id));
            // listsub answers one level only: the tree is walked call by call (docs/vendor-apis/dingtalk.md §12.2)
            JsonNode children = client.topapi("/topapi/v2/department/listsub", client.object().put("dept_id", id),
                    false).path("result");
            children.forEach(c -> todo.addLast(c.path("dept_id").asLong()));
        }
        return out;
    }

    private Department department(long id) {
        JsonNode d = client.topapi("/topapi/v2/department/get", client.object().put("dept_id", id), false)
                .path("result");
        List<String> leaders = new ArrayList<>();
        d.path("dept_manager_userid_list").forEach(u -> leaders.add(u.asText()));
        // the root may come without parent_id (docs/vendor-apis/dingtalk.md §12.3)
        return new Department(d.path("dept_id").asLong(id), d.path("name").asText(""), d.path("parent_id").asLong(0),
                List.copyOf(leaders));
    }

    @Override
    public List<User> usersOf(long departmentId) {
        List<User> out = new ArrayList<>();
        long cursor = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = client.object().put("dept_id", departmentId).put("cursor", cursor)
                    .put("size", PAGE_SIZE);
            JsonNode result = client.topapi("/topapi/v2/user/list", body, false).path("result");
            result.path("list").forEach(u -> out.add(user(u, departmentId)));
            // next_cursor is opaque and absent on the last page (docs/vendor-apis/dingtalk.md §12.4)
            if (!result.path("has_more").asBoolean(false)) {
                return out;
            }
            if (!result.hasNonNull("next_cursor")) {
                throw new ConnectorException("dingtalk", Outcome.NOT_RETRYABLE, "user/list of department "
                        + departmentId + " says has_more but gives no next_cursor");
            }
            cursor = result.path("next_cursor").asLong();
        }
        throw new ConnectorException("dingtalk", Outcome.NOT_RETRYABLE, "user/list of department " + departmentId
                + " did not end within " + MAX_PAGES + " pages");
    }

    private static User user(JsonNode u, long departmentId) {
        List<Long> depts = new ArrayList<>();
        u.path("dept_id_list").forEach(d -> depts.add(d.asLong()));
        Set<Long> leaderOf = u.path("leader").asBoolean(false) ? Set.of(departmentId) : Set.of();
        return new User(u.path("userid").asText(), u.path("name").asText(""),
                u.hasNonNull("mobile") ? u.get("mobile").asText() : null, u.path("title").asText(""),
                List.copyOf(depts), u.path("active").asBoolean(true), leaderOf);
    }

    @Override
    public List<User> users() {
        Map<String, User> all = new LinkedHashMap<>();
        for (Department d : departments()) {
            for (User u : usersOf(d.id())) {
                all.merge(u.userId(), u, DingTalkContactsReader::merge);
            }
        }
        return List.copyOf(all.values());
    }

    /** A member listed in several departments: one user, leader wherever a listing says so. */
    private static User merge(User a, User b) {
        Set<Long> depts = new LinkedHashSet<>(a.departmentIds());
        depts.addAll(b.departmentIds());
        Set<Long> leaderOf = new LinkedHashSet<>(a.leaderOf());
        leaderOf.addAll(b.leaderOf());
        return new User(a.userId(), a.name(), a.mobile() != null ? a.mobile() : b.mobile(), a.title(),
                List.copyOf(depts), a.active(), Set.copyOf(leaderOf));
    }
}
