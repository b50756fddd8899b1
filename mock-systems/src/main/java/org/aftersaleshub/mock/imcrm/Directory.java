package org.aftersaleshub.mock.imcrm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An IM platform's staff directory (通讯录): a department tree with leaders, and members in one or more departments.
 * The DingTalk and WeCom mocks each hold one and render it in their own API shapes
 * (docs/vendor-apis/dingtalk.md §12, docs/vendor-apis/wecom.md §9); this class only keeps the data and answers tree
 * questions. Not thread-safe: callers hold the mock's lock.
 *
 * <p>User ids are matched case-insensitively when {@code caseInsensitiveIds} is set (WeCom,
 * docs/vendor-apis/wecom.md §9.3) and exactly otherwise (DingTalk).
 */
public final class Directory {

    /** A department; {@code parentId} 0 for the root. {@code leaders} are user ids (部门负责人 / 主管). */
    public record Department(long id, String name, long parentId, long order, List<String> leaders) {
        public Department {
            leaders = List.copyOf(leaders);
        }
    }

    /**
     * A member. {@code status} follows WeCom's numbering (1 active, 2 disabled, 4 not activated, 5 quit); DingTalk
     * renders {@code active = status == 1}.
     */
    public record Member(String userId, String name, String mobile, String email, String title, List<Long> departments,
                         int status) {
        public Member {
            departments = List.copyOf(departments);
        }
    }

    private final boolean caseInsensitiveIds;
    private final TreeMap<Long, Department> departments = new TreeMap<>();
    private final Map<String, Member> members = new LinkedHashMap<>();

    public Directory(boolean caseInsensitiveIds) {
        this.caseInsensitiveIds = caseInsensitiveIds;
    }

    private String key(String userId) {
        return caseInsensitiveIds ? userId.toLowerCase(Locale.ROOT) : userId;
    }

    public void clear() {
        departments.clear();
        members.clear();
    }

    /**
     * Loads the seed file's {@code directory} section: departments with leaders as staff ids, users with one id per
     * platform; {@code idField} (e.g. {@code dingtalkUserId}) picks this platform's id.
     */
    public void seed(JsonNode section, String idField) {
        Map<String, String> byStaffId = new LinkedHashMap<>();
        for (JsonNode u : section.path("users")) {
            if (!u.hasNonNull(idField)) {
                continue;
            }
            String id = u.get(idField).asText();
            byStaffId.put(u.path("staffId").asText(id), id);
            List<Long> depts = new ArrayList<>();
            u.path("departments").forEach(x -> depts.add(x.asLong()));
            putMember(new Member(id, u.path("name").asText(id), u.path("mobile").asText(null),
                    u.path("email").asText(null), u.path("title").asText(""), depts, u.path("status").asInt(1)));
        }
        for (JsonNode d : section.path("departments")) {
            List<String> leaders = new ArrayList<>();
            d.path("leaders").forEach(l -> leaders.add(byStaffId.getOrDefault(l.asText(), l.asText())));
            putDepartment(new Department(d.path("id").asLong(), d.path("name").asText(), d.path("parentId").asLong(0),
                    d.path("order").asLong(0), leaders));
        }
    }

    // ------------------------------------------------------------------ mutations (admin API)

    public void putDepartment(Department d) {
        if (d.parentId() != 0 && d.parentId() != d.id() && !departments.containsKey(d.parentId())) {
            throw new IllegalArgumentException("parent department " + d.parentId() + " does not exist");
        }
        departments.put(d.id(), d);
    }

    /** Removes an empty department; like both platforms, refuses one that still has members or sub-departments. */
    public void removeDepartment(long id) {
        if (!departments.containsKey(id)) {
            throw new IllegalArgumentException("no department " + id);
        }
        if (!children(id).isEmpty() || !directMembers(id).isEmpty()) {
            throw new IllegalArgumentException("department " + id + " still has sub-departments or members");
        }
        departments.remove(id);
    }

    public void putMember(Member m) {
        for (Long d : m.departments()) {
            if (!departments.isEmpty() && !departments.containsKey(d)) {
                throw new IllegalArgumentException("department " + d + " does not exist");
            }
        }
        members.put(key(m.userId()), m);
    }

    /** Removes a member (离职: deleted from the directory); also drops them from department leaders. */
    public boolean removeMember(String userId) {
        Member gone = members.remove(key(userId));
        if (gone == null) {
            return false;
        }
        for (Department d : List.copyOf(departments.values())) {
            if (d.leaders().stream().anyMatch(l -> key(l).equals(key(userId)))) {
                departments.put(d.id(), new Department(d.id(), d.name(), d.parentId(), d.order(),
                        d.leaders().stream().filter(l -> !key(l).equals(key(userId))).toList()));
            }
        }
        return true;
    }

    /**
     * Applies a partial JSON object to a member: fields present replace, absent ones stay. A new id needs
     * {@code name} and {@code departments}.
     */
    public Member patchMember(String userId, JsonNode patch) {
        Member old = member(userId);
        if (old == null && (!patch.hasNonNull("name") || !patch.has("departments"))) {
            throw new IllegalArgumentException("a new member needs \"name\" and \"departments\"");
        }
        List<Long> depts = new ArrayList<>();
        if (patch.has("departments")) {
            patch.get("departments").forEach(x -> depts.add(x.asLong()));
        } else {
            depts.addAll(old.departments());
        }
        Function<String, String> text = f -> patch.has(f) ? patch.get(f).asText(null)
                : old == null ? null : switch (f) {
                    case "name" -> old.name();
                    case "mobile" -> old.mobile();
                    case "email" -> old.email();
                    default -> old.title();
                };
        Member m = new Member(old == null ? userId : old.userId(), text.apply("name"), text.apply("mobile"),
                text.apply("email"), text.apply("title") == null ? "" : text.apply("title"), depts,
                patch.has("status") ? patch.get("status").asInt() : old == null ? 1 : old.status());
        putMember(m);
        return m;
    }

    /**
     * Applies a partial JSON object ({@code name}, {@code parentId}, {@code order}, {@code leaders} as this platform's
     * user ids) to a department; a new id needs {@code name} and {@code parentId}.
     */
    public Department patchDepartment(long id, JsonNode patch) {
        Department old = departments.get(id);
        if (old == null && (!patch.hasNonNull("name") || !patch.has("parentId"))) {
            throw new IllegalArgumentException("a new department needs \"name\" and \"parentId\"");
        }
        List<String> leaders = new ArrayList<>();
        if (patch.has("leaders")) {
            patch.get("leaders").forEach(l -> leaders.add(l.asText()));
        } else if (old != null) {
            leaders.addAll(old.leaders());
        }
        Department d = new Department(id, patch.has("name") ? patch.get("name").asText() : old.name(),
                patch.has("parentId") ? patch.get("parentId").asLong() : old.parentId(),
                patch.has("order") ? patch.get("order").asLong() : old == null ? 0 : old.order(), leaders);
        putDepartment(d);
        return d;
    }

    /**
     * The directory admin paths both IM mocks offer under {@code /mock-admin/directory...} (run-time changes for sync
     * tests): {@code directory} (GET the snapshot), {@code directory/users} (add or change: {@code {"userid",...}}),
     * {@code directory/users/remove} ({@code {"userid"}}), {@code directory/departments} ({@code {"id",...}}),
     * {@code directory/departments/remove} ({@code {"id"}}). Returns the answer object, or {@code null} for another
     * path. Caller holds the mock's lock.
     */
    public Object admin(String subPath, JsonNode body) {
        return switch (subPath) {
            case "directory" -> view();
            case "directory/users" -> patchMember(required(body, "userid").asText(), body);
            case "directory/users/remove" -> {
                String id = required(body, "userid").asText();
                if (!removeMember(id)) {
                    throw new IllegalArgumentException("no member " + id);
                }
                yield Map.of("removed", id);
            }
            case "directory/departments" -> patchDepartment(required(body, "id").asLong(), body);
            case "directory/departments/remove" -> {
                long id = required(body, "id").asLong();
                removeDepartment(id);
                yield Map.of("removed", id);
            }
            default -> null;
        };
    }

    private static JsonNode required(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return body.get(field);
    }

    // ------------------------------------------------------------------ reads

    public Department department(long id) {
        return departments.get(id);
    }

    public Member member(String userId) {
        return userId == null ? null : members.get(key(userId));
    }

    /** Direct sub-departments, by {@code order} then id. */
    public List<Department> children(long id) {
        return departments.values().stream().filter(d -> d.parentId() == id && d.id() != id)
                .sorted(Comparator.comparingLong(Department::order).thenComparingLong(Department::id)).toList();
    }

    /** The department and all below it, parents before children. */
    public List<Department> subtree(long id) {
        List<Department> out = new ArrayList<>();
        Department root = departments.get(id);
        if (root == null) {
            return out;
        }
        out.add(root);
        for (int i = 0; i < out.size(); i++) {
            out.addAll(children(out.get(i).id()));
        }
        return out;
    }

    public List<Department> allDepartments() {
        return List.copyOf(departments.values());
    }

    /** Members directly in the department, in insertion order (stable pages for cursors). */
    public List<Member> directMembers(long deptId) {
        return members.values().stream().filter(m -> m.departments().contains(deptId)).toList();
    }

    /** Members in the department or below it, each once. */
    public List<Member> membersBelow(long deptId) {
        List<Long> ids = subtree(deptId).stream().map(Department::id).toList();
        return members.values().stream().filter(m -> m.departments().stream().anyMatch(ids::contains)).toList();
    }

    public List<Member> allMembers() {
        return List.copyOf(members.values());
    }

    /** Whether {@code userId} leads department {@code deptId}. */
    public boolean leads(String userId, long deptId) {
        Department d = departments.get(deptId);
        return d != null && d.leaders().stream().anyMatch(l -> key(l).equals(key(userId)));
    }

    /** A snapshot for {@code /mock-admin/state}. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("departments", List.copyOf(departments.values()));
        v.put("users", List.copyOf(members.values()));
        return v;
    }
}
