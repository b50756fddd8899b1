package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.mock.imcrm.Directory;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk's contacts read API on the legacy gateway (docs/vendor-apis/dingtalk.md §12): {@code topapi/v2/department/
 * listsub}, {@code listsubid}, {@code get}; {@code topapi/v2/user/list} (cursor paging, size at most 100),
 * {@code topapi/user/listid}, {@code topapi/v2/user/get}. Parameters come as a JSON body or a form body (the official
 * SDK posts a form, docs/vendor-apis/dingtalk.md §12.1). The token and QPS gate ran before; these answers are HTTP 200
 * with {@code errcode}.
 * State guarded by the mock's lock.
 */
final class DingTalkContacts {

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final Directory directory = new Directory(false);

    DingTalkContacts(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    Directory directory() {
        return directory;
    }

    void clear() {
        directory.clear();
    }

    /** Routes one contacts operation; {@code null} when {@code op} is not a contacts path. */
    MockResponse handle(String op, MockRequest req) {
        return switch (op) {
            case "topapi/v2/department/listsub" -> listSub(req);
            case "topapi/v2/department/listsubid" -> listSubId(req);
            case "topapi/v2/department/get" -> departmentGet(req);
            case "topapi/v2/user/list" -> userList(req);
            case "topapi/user/listid" -> userListId(req);
            case "topapi/v2/user/get" -> userGet(req);
            default -> null;
        };
    }

    // --------------------------------------------------------- departments (docs/vendor-apis/dingtalk.md §12.2, §12.3)

    private MockResponse listSub(MockRequest req) {
        return forDepartment(params(req), false, parent -> {
            List<Map<String, Object>> result = new ArrayList<>();
            for (Directory.Department d : directory.children(parent.id())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dept_id", d.id());
                m.put("name", d.name());
                m.put("parent_id", d.parentId());
                m.put("create_dept_group", false);
                m.put("auto_add_user", false);
                result.add(m);
            }
            return ok(result);
        });
    }

    private MockResponse listSubId(MockRequest req) {
        return forDepartment(params(req), true, parent -> ok(Map.of("dept_id_list",
                directory.children(parent.id()).stream().map(Directory.Department::id).toList())));
    }

    private MockResponse departmentGet(MockRequest req) {
        return forDepartment(params(req), true, d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dept_id", d.id());
            m.put("name", d.name());
            if (d.parentId() != 0) {
                // the root (1) has no parent in the answer (docs/vendor-apis/dingtalk.md §12.3)
                m.put("parent_id", d.parentId());
            }
            m.put("order", d.order());
            m.put("dept_manager_userid_list", d.leaders());
            m.put("create_dept_group", false);
            m.put("auto_add_user", false);
            m.put("outer_dept", false);
            m.put("hide_dept", false);
            return ok(m);
        });
    }

    /**
     * Answers for the department the request names ({@code dept_id}; the root when it may be left out) under the
     * mock's lock; a missing {@code dept_id} or an unknown department is DingTalk's own error for it.
     */
    private MockResponse forDepartment(Map<String, String> in, boolean required,
            Function<Directory.Department, MockResponse> answer) {
        if (required && !in.containsKey("dept_id")) {
            return invalidParam("dept_id");
        }
        long deptId = longParam(in, "dept_id", 1);
        synchronized (p.lock()) {
            Directory.Department d = directory.department(deptId);
            return d == null ? deptNotFound() : answer.apply(d);
        }
    }

    // --------------------------------------------------------------- users (docs/vendor-apis/dingtalk.md §12.4, §12.5)

    private MockResponse userList(MockRequest req) {
        Map<String, String> in = params(req);
        if (!in.containsKey("dept_id") || !in.containsKey("cursor") || !in.containsKey("size")) {
            return invalidParam(!in.containsKey("dept_id") ? "dept_id" : !in.containsKey("cursor") ? "cursor" : "size");
        }
        long deptId = longParam(in, "dept_id", 1);
        long cursor = longParam(in, "cursor", 0);
        long size = longParam(in, "size", 0);
        DingTalkSettings cfg = p.settings();
        if (size < 1 || size > cfg.contactsMaxPageSize || cursor < 0) {
            return invalidParam("size");
        }
        return forDepartment(in, true, dept -> {
            List<Directory.Member> all = directory.directMembers(deptId).stream()
                    .filter(m -> cfg.contactsListInactiveUsers || m.status() == 1).toList();
            int from = (int) Math.min(cursor, all.size());
            int to = (int) Math.min(from + size, all.size());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Directory.Member m : all.subList(from, to)) {
                Map<String, Object> u = userFields(m, cfg);
                u.put("leader", directory.leads(m.userId(), deptId));
                list.add(u);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("has_more", to < all.size());
            if (to < all.size()) {
                // an offset here; clients must treat it as opaque (docs/vendor-apis/dingtalk.md §12.4)
                result.put("next_cursor", to);
            }
            result.put("list", list);
            return ok(result);
        });
    }

    private MockResponse userListId(MockRequest req) {
        return forDepartment(params(req), true, dept -> ok(Map.of("userid_list",
                directory.directMembers(dept.id()).stream().map(Directory.Member::userId).toList())));
    }

    private MockResponse userGet(MockRequest req) {
        Map<String, String> in = params(req);
        String userId = in.get("userid");
        if (userId == null || userId.isEmpty()) {
            return invalidParam("userid");
        }
        DingTalkSettings cfg = p.settings();
        synchronized (p.lock()) {
            Directory.Member m = directory.member(userId);
            if (m == null) {
                return answers.legacy(cfg.contactsUserNotFoundErrcode, "找不到该用户");
            }
            Map<String, Object> u = userFields(m, cfg);
            List<Map<String, Object>> leaderIn = new ArrayList<>();
            for (Long d : m.departments()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("dept_id", d);
                entry.put("leader", directory.leads(m.userId(), d));
                leaderIn.add(entry);
            }
            u.put("leader_in_dept", leaderIn);
            return ok(u);
        }
    }

    /**
     * The fields user/list and user/get share (docs/vendor-apis/dingtalk.md §12.4, §12.5); the mobile only with the
     * field permission (docs/vendor-apis/dingtalk.md §12.6).
     */
    private Map<String, Object> userFields(Directory.Member m, DingTalkSettings cfg) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("userid", m.userId());
        u.put("unionid", "union_" + m.userId());
        u.put("name", m.name());
        if (cfg.contactsMobileGranted && m.mobile() != null) {
            u.put("mobile", m.mobile());
            u.put("state_code", "86");
        }
        u.put("hide_mobile", false);
        u.put("title", m.title());
        if (m.email() != null) {
            u.put("email", m.email());
        }
        u.put("dept_id_list", m.departments());
        u.put("active", m.status() == 1);
        u.put("admin", false);
        u.put("boss", false);
        return u;
    }

    // ------------------------------------------------------------------ envelope and parameters

    private MockResponse ok(Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.put("result", result);
        body.put("request_id", DingTalkAnswers.requestId());
        return MockResponse.json(200, p.toJson(body));
    }

    private MockResponse deptNotFound() {
        return answers.legacy(p.settings().contactsDeptNotFoundErrcode, "部门不存在");
    }

    private MockResponse invalidParam(String name) {
        return answers.legacy(p.settings().contactsInvalidParamErrcode, "无效的参数: " + name);
    }

    private static long longParam(Map<String, String> in, String name, long dflt) {
        String v = in.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1; // an id no department has, so the caller answers "not found" / "invalid"
        }
    }

    /** Body parameters: a JSON object, or an {@code application/x-www-form-urlencoded} body as the SDK sends. */
    private Map<String, String> params(MockRequest req) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = req.bodyText().trim();
        if (text.startsWith("{")) {
            JsonNode n = p.readJsonOrNull(req);
            if (n instanceof ObjectNode o) {
                o.fields().forEachRemaining(e ->
                        out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            }
        } else if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
