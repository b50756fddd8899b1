package org.aftersaleshub.staff;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.aftersaleshub.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, replaces, deactivates and searches staff records. Each change bumps the version and is audited with the
 * record id and what kind of change it was; names and phone numbers stay out of the audit detail and the logs.
 */
@Service
public class StaffService {

    /** A supervision chain longer than this is refused rather than followed (it cannot be a real org chart). */
    static final int MAX_CHAIN = 100;

    private final StaffRepository staff;
    private final AuditLog audit;

    StaffService(StaffRepository staff, AuditLog audit) {
        this.staff = staff;
        this.audit = audit;
    }

    @Transactional
    public Staff create(StaffRequest r, String actor) {
        if (r.version() != null) {
            throw StaffProblems.versionOnCreate();
        }
        String id = UUID.randomUUID().toString();
        Normalized n = normalize(r);
        checkUnique(n, id);
        if (n.supervisorId != null) {
            checkSupervisor(id, n.supervisorId, null);
        }
        Instant now = now();
        Staff s = new Staff(id, n.employeeNo, n.name, n.phone, n.region, n.team, n.skills, n.roles, n.supervisorId,
                n.dingTalkUserId, n.weComUserId, n.channel, n.active, StaffSource.API, now, now,
                n.active ? null : now, 1);
        staff.insert(s);
        audit.record(actor, "staff.create", "staff:" + id, summary(s));
        return s;
    }

    @Transactional(readOnly = true)
    public Staff get(String id) {
        return staff.find(id).orElseThrow(() -> StaffProblems.staffNotFound(id));
    }

    @Transactional
    public Staff replace(String id, StaffRequest r, String actor) {
        Staff current = staff.lock(id).orElseThrow(() -> StaffProblems.staffNotFound(id));
        if (r.version() == null) {
            throw StaffProblems.versionRequired();
        }
        if (r.version() != current.version()) {
            throw StaffProblems.staleVersion(id, r.version(), current.version());
        }
        Normalized n = normalize(r);
        checkUnique(n, id);
        if (n.supervisorId != null) {
            checkSupervisor(id, n.supervisorId, current.supervisorId());
        }
        Instant now = now();
        Instant deactivatedAt = n.active ? null : current.active() ? now : current.deactivatedAt();
        Staff s = new Staff(id, n.employeeNo, n.name, n.phone, n.region, n.team, n.skills, n.roles, n.supervisorId,
                n.dingTalkUserId, n.weComUserId, n.channel, n.active, current.source(), current.createdAt(), now,
                deactivatedAt, current.version() + 1);
        staff.update(s, current.version());
        audit.record(actor, "staff.replace", "staff:" + id, summary(s));
        return s;
    }

    /** Sets active = false; a record already inactive is answered as it is, unchanged. */
    @Transactional
    public Staff deactivate(String id, String actor) {
        Staff c = staff.lock(id).orElseThrow(() -> StaffProblems.staffNotFound(id));
        if (!c.active()) {
            return c;
        }
        Instant now = now();
        Staff s = new Staff(id, c.employeeNo(), c.name(), c.phone(), c.region(), c.team(), c.skills(), c.roles(),
                c.supervisorId(), c.dingTalkUserId(), c.weComUserId(), c.preferredChannel(), false, c.source(),
                c.createdAt(), now, now, c.version() + 1);
        staff.update(s, c.version());
        audit.record(actor, "staff.deactivate", "staff:" + id, "version=" + s.version());
        return s;
    }

    /**
     * After a unique key refused a write that passed the check (another request took the same id in between): the
     * problem naming the field, thrown, or nothing when no other record holds any of the request's ids now.
     */
    @Transactional(readOnly = true)
    public void explainDuplicate(StaffRequest r, String id) {
        checkUnique(normalize(r), id);
    }

    @Transactional(readOnly = true)
    public StaffPage search(StaffFilter filter, int page, int size) {
        return staff.search(filter, page, size);
    }

    /**
     * The supervisor must exist, be active when newly chosen, and not lead back to {@code id}. The chain is walked
     * with row locks, so two concurrent changes that would together close a cycle cannot both pass.
     */
    private void checkSupervisor(String id, String supervisorId, String currentSupervisorId) {
        if (supervisorId.equals(id)) {
            throw StaffProblems.selfSupervision();
        }
        Staff supervisor = staff.lock(supervisorId).orElseThrow(() -> StaffProblems.supervisorUnknown(supervisorId));
        if (!supervisor.active() && !supervisorId.equals(currentSupervisorId)) {
            throw StaffProblems.supervisorInactive(supervisorId);
        }
        List<String> chain = new ArrayList<>(List.of(id, supervisorId));
        Optional<String> next = Optional.ofNullable(supervisor.supervisorId());
        while (next.isPresent()) {
            String up = next.get();
            chain.add(up);
            if (up.equals(id) || chain.size() > MAX_CHAIN) {
                throw StaffProblems.supervisionCycle(chain);
            }
            if (chain.indexOf(up) != chain.size() - 1) {
                break; // an older cycle above, not through this record: not ours to refuse here
            }
            next = staff.lockSupervisorOf(up);
        }
    }

    private void checkUnique(Normalized n, String id) {
        unique("employee_no", n.employeeNo, id, "employeeNo", "employee number (工号)");
        unique("dingtalk_user_id", n.dingTalkUserId, id, "dingTalkUserId", "DingTalk userId (钉钉账号)");
        unique("wecom_user_id", n.weComUserId, id, "weComUserId", "WeCom userid (企业微信账号)");
    }

    private void unique(String column, String value, String id, String field, String label) {
        if (value != null) {
            staff.holderOf(column, value, id).ifPresent(holder -> {
                throw StaffProblems.duplicate(field, label, holder);
            });
        }
    }

    /** The request with blanks as null, text trimmed, lists de-duplicated and sorted, defaults applied. */
    private record Normalized(String employeeNo, String name, String phone, String region, String team,
                              List<String> skills, List<StaffRole> roles, String supervisorId, String dingTalkUserId,
                              String weComUserId, PreferredChannel channel, boolean active) {
    }

    private static Normalized normalize(StaffRequest r) {
        PreferredChannel channel = r.preferredChannel() == null ? PreferredChannel.NONE : r.preferredChannel();
        String dingTalk = blankToNull(r.dingTalkUserId());
        String weCom = blankToNull(r.weComUserId());
        if (channel == PreferredChannel.DINGTALK && dingTalk == null) {
            throw StaffProblems.channelWithoutId(channel, "dingTalkUserId");
        }
        if (channel == PreferredChannel.WECOM && weCom == null) {
            throw StaffProblems.channelWithoutId(channel, "weComUserId");
        }
        List<String> skills = r.skills() == null ? List.of()
                : r.skills().stream().map(String::trim).sorted().distinct().toList();
        List<StaffRole> roles = r.roles() == null ? List.of()
                : List.copyOf(new java.util.TreeSet<>(r.roles()));
        return new Normalized(blankToNull(r.employeeNo()), r.name().trim(), blankToNull(r.phone()),
                blankToNull(r.region()), blankToNull(r.team()), skills, roles,
                r.supervisorId() == null ? null : r.supervisorId().toString(), dingTalk, weCom, channel,
                r.active() == null || r.active());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** What an auditor needs without personal data: roles, channel, state, IM links present, supervisor. */
    private static String summary(Staff s) {
        return "version=" + s.version() + " active=" + s.active() + " roles="
                + s.roles().stream().map(Enum::name).collect(Collectors.joining(",", "[", "]"))
                + " channel=" + s.preferredChannel() + " dingTalk=" + (s.dingTalkUserId() != null)
                + " weCom=" + (s.weComUserId() != null) + " supervisor=" + s.supervisorId();
    }

    /** Microseconds: what both databases keep, so the answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
