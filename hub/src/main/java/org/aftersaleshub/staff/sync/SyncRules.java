package org.aftersaleshub.staff.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRole;

/**
 * What one sync changes: a contacts snapshot compared with the directory. No I/O; the service writes the plan.
 *
 * <p>The rules (docs/notifications.md, "Contacts sync"):
 * <ul>
 *   <li>A member is found by the platform's user id. A member met for the first time is linked to an existing record
 *       without an id of this platform when exactly one active record matches ({@code match-by}: mobile, then name);
 *       otherwise a record is created, with source {@code dingtalk-sync} / {@code wecom-sync}.</li>
 *   <li>On a record <b>this platform's sync created</b>, the directory is the master of name, phone (when the
 *       platform gives one), team (the main department), roles (title rules, leaders are SUPERVISOR), region (when a
 *       department maps to one), supervisor and active; skills, employee number and a chosen preferred channel stay
 *       as the REST API set them.</li>
 *   <li>On a record <b>of another source</b> (REST, import, the other platform) that carries this platform's id, the
 *       sync only fills what is empty (phone, team, region, roles, supervisor, a NONE channel) and never changes
 *       name or active — except that leaving the directory deactivates it (below).</li>
 *   <li>A record whose platform id is no longer listed (left, removed, or WeCom status disabled / quit, or moved out
 *       of the synced subtree) is deactivated, whatever its source: a person who left can no longer be reached or
 *       assigned. Only records of this platform's sync are reactivated when they come back.</li>
 *   <li>The supervisor is the first leader of the member's main department who is not the member, else of its
 *       parent, and so on up; a leader without a hub record leaves it empty. A link that would close a supervision
 *       cycle is left out and reported.</li>
 * </ul>
 */
final class SyncRules {

    /** Longest supervision chain followed; longer counts as a cycle (as the REST API does). */
    private static final int MAX_CHAIN = 100;
    private static final int TEXT_MAX = 64;

    enum Kind { ADD, UPDATE, DEACTIVATE }

    /** One write: {@code before} is null for ADD. */
    record Change(Kind kind, Staff before, Staff after) {
    }

    /**
     * @param changes   in write order: new records before those they supervise, then updates, then deactivations
     * @param unchanged listed members whose record already matched
     * @param problems  what the sync left out, for the summary (ids only, no personal data)
     */
    record Plan(List<Change> changes, int unchanged, List<String> problems) {
    }

    private final ImPlatform platform;
    private final StaffSyncProperties props;
    private final Long root;
    private final Instant now;
    private final Supplier<String> newId;

    SyncRules(ImPlatform platform, StaffSyncProperties props, Long rootDepartment, Instant now,
              Supplier<String> newId) {
        this.platform = platform;
        this.props = props;
        this.root = rootDepartment;
        this.now = now;
        this.newId = newId;
    }

    Plan plan(ContactsSnapshot snapshot, List<Staff> existing) {
        List<String> problems = new ArrayList<>();
        Map<Long, ContactsSnapshot.Department> depts = new LinkedHashMap<>();
        snapshot.departments().forEach(d -> depts.put(d.id(), d));
        Set<Long> scope = scope(depts);

        Map<String, ContactsSnapshot.Member> present = new LinkedHashMap<>();
        for (ContactsSnapshot.Member m : snapshot.members()) {
            boolean inScope = scope == null || m.departments().stream().anyMatch(scope::contains);
            if (m.employed() && inScope && m.userId() != null && !m.userId().isBlank()) {
                present.putIfAbsent(platform.key(m.userId()), m);
            }
        }

        Map<String, Staff> byPlatformId = new HashMap<>();
        for (Staff s : existing) {
            if (platform.idOf(s) != null) {
                byPlatformId.putIfAbsent(platform.key(platform.idOf(s)), s);
            }
        }

        // 1. each listed member's record: found by id, linked, or new
        Map<String, Staff> recordOf = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        for (Map.Entry<String, ContactsSnapshot.Member> e : present.entrySet()) {
            Staff found = byPlatformId.get(e.getKey());
            if (found == null) {
                found = link(e.getValue(), existing, claimed, problems);
            }
            if (found != null) {
                claimed.add(found.id());
            }
            recordOf.put(e.getKey(), found);
        }

        // 2. ids of new records, so supervisors can point at them; only listed members can supervise (anyone else
        // with this platform's id is deactivated below)
        Map<String, String> hubIdOf = new HashMap<>();
        recordOf.forEach((key, s) -> hubIdOf.put(key, s != null ? s.id() : newId.get()));

        // 3. the wanted state of every listed member's record
        Map<String, Staff> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, ContactsSnapshot.Member> e : present.entrySet()) {
            ContactsSnapshot.Member m = e.getValue();
            String supervisor = hubIdOf.get(leaderKey(m, depts));
            if (supervisor != null && supervisor.equals(hubIdOf.get(e.getKey()))) {
                supervisor = null;
            }
            Staff before = recordOf.get(e.getKey());
            wanted.put(hubIdOf.get(e.getKey()), before == null
                    ? created(hubIdOf.get(e.getKey()), m, depts, supervisor)
                    : merged(before, m, depts, supervisor));
        }

        // 4. no supervision cycles through the new links
        Map<String, String> supervisorOf = new HashMap<>();
        existing.forEach(s -> supervisorOf.put(s.id(), s.supervisorId()));
        wanted.values().forEach(s -> supervisorOf.put(s.id(), s.supervisorId()));
        for (Staff s : List.copyOf(wanted.values())) {
            if (s.supervisorId() != null && closesCycle(s.id(), supervisorOf)) {
                problems.add("staff " + s.id() + ": the department leader " + s.supervisorId() + " would close a "
                        + "supervision cycle; supervisor left empty");
                supervisorOf.put(s.id(), null);
                wanted.put(s.id(), withSupervisor(s, null));
            }
        }

        // 5. compare, and order the writes
        Map<String, Staff> existingById = new HashMap<>();
        existing.forEach(s -> existingById.put(s.id(), s));
        List<Change> adds = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        int unchanged = 0;
        for (Staff w : wanted.values()) {
            Staff before = existingById.get(w.id());
            if (before == null) {
                adds.add(new Change(Kind.ADD, null, w));
            } else if (sameContent(before, w)) {
                unchanged++;
            } else {
                updates.add(new Change(Kind.UPDATE, before, bump(w, before)));
            }
        }
        List<Change> deactivations = new ArrayList<>();
        for (Map.Entry<String, Staff> e : byPlatformId.entrySet()) {
            Staff s = e.getValue();
            if (!present.containsKey(e.getKey()) && s.active()) {
                deactivations.add(new Change(Kind.DEACTIVATE, s, bump(copy(s, s.supervisorId(), false, now), s)));
            }
        }
        List<Change> ordered = new ArrayList<>(supervisorsFirst(adds));
        ordered.addAll(updates);
        ordered.addAll(deactivations);
        return new Plan(ordered, unchanged, problems);
    }

    /** The departments in the synced subtree, or null for all. */
    private Set<Long> scope(Map<Long, ContactsSnapshot.Department> depts) {
        if (root == null) {
            return null;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        depts.values().forEach(d -> children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d.id()));
        Set<Long> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long id = todo.remove(todo.size() - 1);
            if (out.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return out;
    }

    /** An existing record without this platform's id that is the member, when exactly one matches. */
    private Staff link(ContactsSnapshot.Member m, List<Staff> existing, Set<String> claimed, List<String> problems) {
        for (StaffSyncProperties.MatchBy by : props.matchBy()) {
            String value = by == StaffSyncProperties.MatchBy.MOBILE ? digits(m.mobile()) : trimmed(m.name());
            if (value == null || value.isEmpty()) {
                continue;
            }
            List<Staff> hits = existing.stream().filter(s -> s.active() && platform.idOf(s) == null
                    && !claimed.contains(s.id()) && value.equals(by == StaffSyncProperties.MatchBy.MOBILE
                    ? digits(s.phone()) : trimmed(s.name()))).toList();
            if (hits.size() == 1) {
                return hits.get(0);
            }
            if (hits.size() > 1) {
                problems.add("member " + m.userId() + ": " + hits.size() + " records match by " + by + "; a new "
                        + "record was created, link the right one by setting its platform id");
                return null;
            }
        }
        return null;
    }

    /** The platform key of the member's supervisor: the nearest leader above who is not the member. */
    private String leaderKey(ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts) {
        String self = platform.key(m.userId());
        ContactsSnapshot.Department d = depts.get(m.mainDepartment());
        for (int i = 0; d != null && i < MAX_CHAIN; i++) {
            for (String leader : d.leaders()) {
                if (!platform.key(leader).equals(self)) {
                    return platform.key(leader);
                }
            }
            d = d.parentId() == 0 || d.parentId() == d.id() ? null : depts.get(d.parentId());
        }
        return null;
    }

    private Staff created(String id, ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts,
                          String supervisor) {
        return new Staff(id, null, text(m.name()), blankToNull(m.mobile()), region(m, depts), team(m, depts),
                List.of(), roles(m, depts), supervisor,
                platform == ImPlatform.DINGTALK ? m.userId() : null,
                platform == ImPlatform.WECOM ? m.userId() : null, platform.channel(), true, platform.source(),
                now, now, null, 1);
    }

    /** The record as this sync wants it, by the ownership rules of the class comment. */
    private Staff merged(Staff s, ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts,
                         String supervisor) {
        boolean own = s.source() == platform.source();
        String mobile = blankToNull(m.mobile());
        String team = team(m, depts);
        String region = region(m, depts);
        List<StaffRole> roles = roles(m, depts);
        PreferredChannel channel = s.preferredChannel() == PreferredChannel.NONE ? platform.channel()
                : s.preferredChannel();
        String ding = platform == ImPlatform.DINGTALK ? m.userId() : s.dingTalkUserId();
        String weCom = platform == ImPlatform.WECOM ? m.userId() : s.weComUserId();
        if (own) {
            return new Staff(s.id(), s.employeeNo(), text(m.name()), mobile != null ? mobile : s.phone(),
                    region != null ? region : s.region(), team, s.skills(), roles, supervisor, ding, weCom, channel,
                    true, s.source(), s.createdAt(), s.updatedAt(), null, s.version());
        }
        return new Staff(s.id(), s.employeeNo(), s.name(), s.phone() != null ? s.phone() : mobile,
                s.region() != null ? s.region() : region, s.team() != null ? s.team() : team, s.skills(),
                s.roles().isEmpty() ? roles : s.roles(), s.supervisorId() != null ? s.supervisorId() : supervisor,
                ding, weCom, channel, s.active(), s.source(), s.createdAt(), s.updatedAt(), s.deactivatedAt(),
                s.version());
    }

    private static String team(ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts) {
        ContactsSnapshot.Department d = depts.get(m.mainDepartment());
        return d == null ? null : blankToNull(text(d.name()));
    }

    private String region(ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts) {
        ContactsSnapshot.Department d = depts.get(m.mainDepartment());
        for (int i = 0; d != null && i < MAX_CHAIN; i++) {
            for (StaffSyncProperties.DepartmentRegion r : props.departmentRegions()) {
                if (r.department() != null && r.department().trim().equals(trimmed(d.name()))) {
                    return text(r.region());
                }
            }
            d = d.parentId() == 0 || d.parentId() == d.id() ? null : depts.get(d.parentId());
        }
        return null;
    }

    private List<StaffRole> roles(ContactsSnapshot.Member m, Map<Long, ContactsSnapshot.Department> depts) {
        TreeSet<StaffRole> roles = new TreeSet<>();
        String title = m.title() == null ? "" : m.title();
        for (StaffSyncProperties.TitleRole r : props.titleRoles()) {
            if (r.title() != null && !r.title().isBlank() && title.contains(r.title().trim())) {
                roles.add(r.role());
            }
        }
        String self = platform.key(m.userId());
        boolean leads = !m.leaderOf().isEmpty() || depts.values().stream()
                .anyMatch(d -> d.leaders().stream().anyMatch(l -> platform.key(l).equals(self)));
        if (leads) {
            roles.add(StaffRole.SUPERVISOR);
        }
        if (roles.isEmpty() && props.fallbackRole() != null) {
            roles.add(props.fallbackRole());
        }
        return List.copyOf(roles);
    }

    private static boolean closesCycle(String id, Map<String, String> supervisorOf) {
        String up = supervisorOf.get(id);
        for (int i = 0; up != null && i < MAX_CHAIN; i++) {
            if (up.equals(id)) {
                return true;
            }
            up = supervisorOf.get(up);
        }
        return up != null;
    }

    /** New records in an order where a new supervisor is written before the records pointing at it. */
    private static List<Change> supervisorsFirst(List<Change> adds) {
        Map<String, Change> byId = new LinkedHashMap<>();
        adds.forEach(c -> byId.put(c.after().id(), c));
        List<Change> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Change c : adds) {
            List<Change> chain = new ArrayList<>();
            for (Change x = c; x != null && !done.contains(x.after().id()); ) {
                chain.add(0, x);
                done.add(x.after().id());
                x = x.after().supervisorId() == null ? null : byId.get(x.after().supervisorId());
            }
            out.addAll(chain);
        }
        return out;
    }

    private static boolean sameContent(Staff a, Staff b) {
        return Objects.equals(a.employeeNo(), b.employeeNo()) && Objects.equals(a.name(), b.name())
                && Objects.equals(a.phone(), b.phone()) && Objects.equals(a.region(), b.region())
                && Objects.equals(a.team(), b.team()) && a.skills().equals(b.skills()) && a.roles().equals(b.roles())
                && Objects.equals(a.supervisorId(), b.supervisorId())
                && Objects.equals(a.dingTalkUserId(), b.dingTalkUserId())
                && Objects.equals(a.weComUserId(), b.weComUserId()) && a.preferredChannel() == b.preferredChannel()
                && a.active() == b.active();
    }

    /** {@code s} as the next version of {@code before}: changed now, deactivated now when it just became inactive. */
    private Staff bump(Staff s, Staff before) {
        Instant deactivatedAt = s.active() ? null : before.active() ? now : before.deactivatedAt();
        return new Staff(s.id(), s.employeeNo(), s.name(), s.phone(), s.region(), s.team(), s.skills(), s.roles(),
                s.supervisorId(), s.dingTalkUserId(), s.weComUserId(), s.preferredChannel(), s.active(), s.source(),
                before.createdAt(), now, deactivatedAt, before.version() + 1);
    }

    private static Staff withSupervisor(Staff s, String supervisor) {
        return copy(s, supervisor, s.active(), s.deactivatedAt());
    }

    private static Staff copy(Staff s, String supervisor, boolean active, Instant deactivatedAt) {
        return new Staff(s.id(), s.employeeNo(), s.name(), s.phone(), s.region(), s.team(), s.skills(), s.roles(),
                supervisor, s.dingTalkUserId(), s.weComUserId(), s.preferredChannel(), active, s.source(),
                s.createdAt(), s.updatedAt(), deactivatedAt, s.version());
    }

    /** Columns hold 64 characters; a longer department or name is cut rather than refused. */
    private static String text(String s) {
        return s == null ? null : s.length() <= TEXT_MAX ? s.trim() : s.substring(0, TEXT_MAX).trim();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Digits of a phone number ("+86 138-0000-0001" and "13800000001" match on their last 11 digits). */
    private static String digits(String phone) {
        if (phone == null) {
            return null;
        }
        String d = phone.replaceAll("\\D", "");
        return d.length() > 11 ? d.substring(d.length() - 11) : d;
    }
}
