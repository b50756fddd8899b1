package org.aftersaleshub.staff;

import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/** The problems the staff API answers on purpose. None repeats a name or phone number (personal data). */
final class StaffProblems {

    private StaffProblems() {
    }

    static ApiProblem staffNotFound(String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "staff-not-found", "Staff not found (人员不存在)",
                "There is no staff record with id " + id + ".").with("staffId", id)
                .with("errors", List.of(new FieldViolation("id", "exists", "is not the id of a staff record")));
    }

    static ApiProblem supervisorUnknown(String supervisorId) {
        return ApiProblem.validation(List.of(new FieldViolation("supervisorId", "exists",
                "is not the id of a staff record (主管不存在)"))).with("supervisorId", supervisorId);
    }

    static ApiProblem supervisorInactive(String supervisorId) {
        return ApiProblem.validation(List.of(new FieldViolation("supervisorId", "active",
                "is a deactivated staff record (主管已停用)"))).with("supervisorId", supervisorId);
    }

    static ApiProblem selfSupervision() {
        return ApiProblem.validation(List.of(new FieldViolation("supervisorId", "not-self",
                "must not be the record itself (不能是本人)")));
    }

    static ApiProblem supervisionCycle(List<String> chain) {
        return ApiProblem.validation(List.of(new FieldViolation("supervisorId", "no-cycle",
                "would make a supervision cycle (汇报关系成环): " + String.join(" → ", chain))))
                .with("supervisionChain", chain);
    }

    static ApiProblem channelWithoutId(PreferredChannel channel, String idField) {
        return ApiProblem.validation(List.of(new FieldViolation("preferredChannel", "requires:" + idField,
                channel + " needs " + idField + " (首选渠道缺少账号)")));
    }

    static ApiProblem versionRequired() {
        return ApiProblem.validation(List.of(new FieldViolation("version", "required",
                "is required on PUT: send the version last read (必填)")));
    }

    static ApiProblem versionOnCreate() {
        return ApiProblem.validation(List.of(new FieldViolation("version", "absent",
                "is set by the hub; leave it out when creating (创建时不可指定)")));
    }

    static ApiProblem staleVersion(String id, long sent, long current) {
        return new ApiProblem(HttpStatus.CONFLICT, "stale-version", "Record changed meanwhile (记录已被修改)",
                "Staff record " + id + " is at version " + current + ", the request was based on version " + sent
                        + ". Read it again and reapply the change.")
                .with("staffId", id).with("currentVersion", current)
                .with("errors", List.of(new FieldViolation("version", "current:" + current,
                        "is not the current version")));
    }

    /** {@code field} is the JSON name of the unique field, e.g. dingTalkUserId. */
    static ApiProblem duplicate(String field, String label, String holderId) {
        return new ApiProblem(HttpStatus.CONFLICT, "staff-duplicate", "Already used by another person (已被占用)",
                "The " + label + " is already on staff record " + holderId + "; each may belong to one person.")
                .with("conflictingStaffId", holderId)
                .with("errors", List.of(new FieldViolation(field, "unique", "is already used by staff record "
                        + holderId)));
    }
}
