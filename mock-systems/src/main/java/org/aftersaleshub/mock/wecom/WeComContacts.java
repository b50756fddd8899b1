package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.imcrm.Directory;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom's contacts read API (docs/vendor-apis/wecom.md §9): {@code department/list}, {@code department/simplelist},
 * {@code department/get}, {@code user/simplelist}, {@code user/list}, {@code user/list_id} (cursor paging) and
 * {@code user/get}, with the field restrictions of docs/vendor-apis/wecom.md §9.4 as settings. The token gate ran
 * before. State guarded by the
 * mock's lock.
 */
final class WeComContacts {

    /**
     * Marks the mock's own cursors so a foreign one is refused like a bad parameter (docs/vendor-apis/wecom.md §9.3
     * [I]).
     */
    private static final String CURSOR_PREFIX = "wcmock:";

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComAnswers answers;
    private final Directory directory = new Directory(true);

    WeComContacts(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    Directory directory() {
        return directory;
    }

    void clear() {
        directory.clear();
    }

    static boolean isContactsOperation(String op) {
        return switch (op) {
            case "department/list", "department/simplelist", "department/get", "user/simplelist", "user/list",
                 "user/list_id", "user/get" -> true;
            default -> false;
        };
    }

    MockResponse handle(String op, MockRequest req) {
        synchronized (p.lock()) {
            return switch (op) {
                case "department/list" -> departmentList(req, false);
                case "department/simplelist" -> departmentList(req, true);
                case "department/get" -> departmentGet(req);
                case "user/simplelist" -> userList(req, true);
                case "user/list" -> userList(req, false);
                case "user/list_id" -> userListId(req);
                default -> userGet(req);
            };
        }
    }

    // ------------------------------------------------------------------ departments (docs/vendor-apis/wecom.md §9.2)

    private MockResponse departmentList(MockRequest req, boolean simple) {
        String id = req.query().get("id");
        List<Directory.Department> depts;
        if (id == null || id.isEmpty()) {
            depts = directory.allDepartments();
        } else {
            Long deptId = parseId(id);
            if (deptId == null || directory.department(deptId) == null) {
                return deptNotFound(req);
            }
            depts = directory.subtree(deptId);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Directory.Department d : depts) {
            out.add(simple ? simpleDepartment(d) : department(d));
        }
        return ok(Map.of(simple ? "department_id" : "department", out));
    }

    private MockResponse departmentGet(MockRequest req) {
        Long deptId = parseId(req.query().get("id"));
        if (deptId == null) {
            return answers.error(req, p.settings().contactsInvalidParamErrcode, "invalid parameter id");
        }
        Directory.Department d = directory.department(deptId);
        return d == null ? deptNotFound(req) : ok(Map.of("department", department(d)));
    }

    private static Map<String, Object> department(Directory.Department d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("department_leader", d.leaders());
        m.put("parentid", d.parentId());
        m.put("order", d.order());
        return m;
    }

    private static Map<String, Object> simpleDepartment(Directory.Department d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("parentid", d.parentId());
        m.put("order", d.order());
        return m;
    }

    // ------------------------------------------------------------------ users (docs/vendor-apis/wecom.md §9.3, §9.4)

    private MockResponse userList(MockRequest req, boolean simple) {
        WeComSettings cfg = p.settings();
        if (cfg.contactsUserListRefusedErrcode != 0) {
            return answers.error(req, cfg.contactsUserListRefusedErrcode, "api forbidden for this ip or secret");
        }
        Long deptId = parseId(req.query().get("department_id"));
        if (deptId == null) {
            return answers.error(req, cfg.contactsInvalidParamErrcode, "invalid parameter department_id");
        }
        if (directory.department(deptId) == null) {
            return deptNotFound(req);
        }
        boolean fetchChild = "1".equals(req.query().get("fetch_child"));
        List<Directory.Member> members = fetchChild ? directory.membersBelow(deptId) : directory.directMembers(deptId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Directory.Member m : members) {
            if (simple) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("userid", m.userId());
                u.put("name", m.name());
                u.put("department", m.departments());
                out.add(u);
            } else {
                out.add(user(m, cfg));
            }
        }
        return ok(Map.of("userlist", out));
    }

    private MockResponse userListId(MockRequest req) {
        WeComSettings cfg = p.settings();
        JsonNode b = req.body().length == 0 ? p.json().createObjectNode() : p.readJsonOrNull(req);
        if (b == null) {
            return answers.error(req, cfg.contactsInvalidParamErrcode, "invalid json body");
        }
        int limit = b.path("limit").asInt(cfg.contactsListIdMaxLimit);
        if (limit < 1 || limit > cfg.contactsListIdMaxLimit) {
            return answers.error(req, cfg.contactsInvalidParamErrcode, "invalid parameter limit");
        }
        int offset = 0;
        String cursor = b.path("cursor").asText("");
        if (!cursor.isEmpty()) {
            Integer decoded = decodeCursor(cursor);
            if (decoded == null) {
                return answers.error(req, cfg.contactsInvalidParamErrcode, "invalid parameter cursor");
            }
            offset = decoded;
        }
        // one row per (member, department), as the real answer lists a member once per department
        // (docs/vendor-apis/wecom.md §9.3)
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Directory.Member m : directory.allMembers()) {
            for (Long d : m.departments()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("userid", m.userId());
                row.put("department", d);
                rows.add(row);
            }
        }
        int from = Math.min(offset, rows.size());
        int to = Math.min(from + limit, rows.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("next_cursor", to < rows.size() ? encodeCursor(to) : "");
        body.put("dept_user", rows.subList(from, to));
        return ok(body);
    }

    private MockResponse userGet(MockRequest req) {
        WeComSettings cfg = p.settings();
        String userId = req.query().get("userid");
        Directory.Member m = directory.member(userId);
        if (m == null) {
            return answers.error(req, cfg.contactsUserNotFoundErrcode, "userid not found");
        }
        return ok(user(m, cfg));
    }

    /**
     * The member as user/get and user/list return it (docs/vendor-apis/wecom.md §9.3); sensitive fields only by setting
     * (docs/vendor-apis/wecom.md §9.4).
     */
    private Map<String, Object> user(Directory.Member m, WeComSettings cfg) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("userid", m.userId());
        u.put("name", m.name());
        u.put("department", m.departments());
        u.put("order", m.departments().stream().map(d -> 0).toList());
        u.put("position", m.title());
        u.put("is_leader_in_dept", m.departments().stream().map(d -> directory.leads(m.userId(), d) ? 1 : 0).toList());
        u.put("main_department", m.departments().isEmpty() ? 0 : m.departments().get(0));
        u.put("status", m.status());
        u.put("enable", m.status() == 2 ? 0 : 1);
        if (cfg.contactsSensitiveFieldsReturned) {
            u.put("mobile", m.mobile() == null ? "" : m.mobile());
            u.put("email", m.email() == null ? "" : m.email());
            u.put("gender", "0");
            u.put("avatar", "");
            u.put("address", "");
        }
        return u;
    }

    // ------------------------------------------------------------------ helpers

    private MockResponse ok(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.putAll(fields);
        return MockResponse.json(200, p.toJson(body));
    }

    private MockResponse deptNotFound(MockRequest req) {
        return answers.error(req, p.settings().contactsDeptNotFoundErrcode, "invalid department id");
    }

    private static Long parseId(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Integer decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return s.startsWith(CURSOR_PREFIX) ? Integer.valueOf(s.substring(CURSOR_PREFIX.length())) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
