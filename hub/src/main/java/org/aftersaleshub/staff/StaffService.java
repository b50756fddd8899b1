package org.aftersaleshub.staff;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
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

    // ------------------------------------------------------------------ the master-data import (StaffImportTarget)

    /**
     * The rules of an import row without writing: the fields' rules ({@link StaffRules}), then, against the
     * directory, the IM ids not held by another record and the supervisor (by employee number) existing — as a record
     * or as a row earlier in the same file ({@code earlier}) — active when newly chosen, and not the row itself.
     */
    @Transactional(readOnly = true)
    public List<Violation> checkImported(StaffRequest r, String supervisorEmployeeNo, Predicate<String> earlier) {
        List<Violation> fields = StaffRules.check(r);
        if (!fields.isEmpty()) {
            return fields;
        }
        List<Violation> out = new ArrayList<>();
        Optional<Staff> current = importedRecord(r);
        String id = current.map(Staff::id).orElse("");
        held(out, "dingtalk_user_id", blankToNull(r.dingTalkUserId()), id, "dingTalkUserId", "钉钉账号");
        held(out, "wecom_user_id", blankToNull(r.weComUserId()), id, "weComUserId", "企业微信账号");
        String sup = blankToNull(supervisorEmployeeNo);
        if (sup != null) {
            Optional<Staff> supervisor = staff.findByEmployeeNo(sup);
            if (sup.equals(blankToNull(r.employeeNo()))) {
                out.add(new Violation(SUPERVISOR_COLUMN, "not-self", "主管不能是本人", "must not be the person "
                        + "themself"));
            } else if (supervisor.isEmpty() && !earlier.test(sup)) {
                out.add(new Violation(SUPERVISOR_COLUMN, "unknown-reference:staff", "主管工号 " + sup
                        + " 不存在：请先导入主管（可在同一文件中靠前的行）", "no staff record or earlier row has employee "
                        + "number " + sup));
            } else if (supervisor.isPresent() && !supervisor.get().active()
                    && !supervisor.get().id().equals(current.map(Staff::supervisorId).orElse(null))) {
                out.add(new Violation(SUPERVISOR_COLUMN, "active", "主管 " + sup + " 已停用",
                        "the supervisor " + sup + " is deactivated"));
            }
        }
        return out;
    }

    /**
     * Writes a checked import row in the caller's transaction, by employee number; a number not yet in the directory
     * takes over the record without one that holds the row's DingTalk or WeCom id (a person the contacts sync
     * brought in), else a record is created with source {@code import}. The row is the record's full content, like
     * a PUT, except that an empty {@code active} keeps the current state; an identical record is left alone, its
     * version unchanged. The supervisor is named by employee number and must be written already (an earlier row).
     */
    @Transactional
    public WriteOutcome upsertImported(StaffRequest row, String supervisorEmployeeNo, String actor) {
        Optional<Staff> found = importedRecord(row);
        Optional<Staff> current = found.flatMap(s -> staff.lock(s.id()));
        String sup = blankToNull(supervisorEmployeeNo);
        UUID supervisorId = null;
        if (sup != null) {
            Staff supervisor = staff.findByEmployeeNo(sup).orElseThrow(() -> StaffProblems.supervisorUnknown(sup));
            supervisorId = UUID.fromString(supervisor.id());
        }
        Boolean active = row.active() != null ? row.active() : current.map(Staff::active).orElse(true);
        Normalized n = normalize(new StaffRequest(row.employeeNo(), row.name(), row.phone(), row.region(), row.team(),
                row.skills(), row.roles(), supervisorId, row.dingTalkUserId(), row.weComUserId(),
                row.preferredChannel(), active, null));
        String id = current.map(Staff::id).orElseGet(() -> UUID.randomUUID().toString());
        if (current.isPresent() && n.equals(normalized(current.get()))) {
            return WriteOutcome.UNCHANGED;
        }
        checkUnique(n, id);
        if (n.supervisorId != null) {
            checkSupervisor(id, n.supervisorId, current.map(Staff::supervisorId).orElse(null));
        }
        Instant now = now();
        if (current.isEmpty()) {
            Staff s = new Staff(id, n.employeeNo, n.name, n.phone, n.region, n.team, n.skills, n.roles,
                    n.supervisorId, n.dingTalkUserId, n.weComUserId, n.channel, n.active, StaffSource.IMPORT, now,
                    now, n.active ? null : now, 1);
            staff.insert(s);
            audit.record(actor, "staff.create", "staff:" + id, "source=import " + summary(s));
            return WriteOutcome.CREATED;
        }
        Staff c = current.get();
        Instant deactivatedAt = n.active ? null : c.active() ? now : c.deactivatedAt();
        Staff s = new Staff(id, n.employeeNo, n.name, n.phone, n.region, n.team, n.skills, n.roles, n.supervisorId,
                n.dingTalkUserId, n.weComUserId, n.channel, n.active, c.source(), c.createdAt(), now, deactivatedAt,
                c.version() + 1);
        staff.update(s, c.version());
        audit.record(actor, "staff.replace", "staff:" + id, "source=import " + summary(s));
        return WriteOutcome.UPDATED;
    }

    /** The import template's column naming the supervisor by employee number. */
    static final String SUPERVISOR_COLUMN = "supervisorEmployeeNo";

    /** The record an import row writes to: by employee number, else the one without a number holding its IM id. */
    private Optional<Staff> importedRecord(StaffRequest r) {
        String employeeNo = blankToNull(r.employeeNo());
        Optional<Staff> byNumber = employeeNo == null ? Optional.empty() : staff.findByEmployeeNo(employeeNo);
        if (byNumber.isPresent()) {
            return byNumber;
        }
        for (PreferredChannel channel : List.of(PreferredChannel.DINGTALK, PreferredChannel.WECOM)) {
            String imId = blankToNull(channel == PreferredChannel.DINGTALK ? r.dingTalkUserId() : r.weComUserId());
            Optional<Staff> byIm = imId == null ? Optional.empty() : staff.findByImUserId(channel, imId)
                    .filter(s -> s.employeeNo() == null);
            if (byIm.isPresent()) {
                return byIm;
            }
        }
        return Optional.empty();
    }

    private void held(List<Violation> out, String column, String value, String id, String field, String zh) {
        if (value != null) {
            staff.holderOf(column, value, id).ifPresent(holder -> out.add(new Violation(field, "unique",
                    zh + " 已被其他人员占用（" + holder + "）", "is already used by staff record " + holder)));
        }
    }

    private static Normalized normalized(Staff s) {
        return new Normalized(s.employeeNo(), s.name(), s.phone(), s.region(), s.team(), s.skills(), s.roles(),
                s.supervisorId(), s.dingTalkUserId(), s.weComUserId(), s.preferredChannel(), s.active());
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
