package org.aftersaleshub.masterdata;

import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/** The problems every master-data API answers on purpose; names and phone numbers are never repeated. */
public final class MasterDataProblems {

    private MasterDataProblems() {
    }

    /**
     * @param entity e.g. {@code customer}
     * @param zh     e.g. 客户
     * @param field  the key's field name, e.g. {@code id}, {@code serial}
     */
    public static ApiProblem notFound(String entity, String zh, String field, String key) {
        return new ApiProblem(HttpStatus.NOT_FOUND, entity + "-not-found", zh + "不存在 (" + entity + " not found)",
                "There is no " + entity + " with " + field + " " + key + ".").with(field, key)
                .with("errors", List.of(new FieldViolation(field, "exists", "is not the " + field + " of a "
                        + entity + " (" + zh + "不存在)")));
    }

    public static ApiProblem exists(String entity, String zh, String field, String key) {
        return new ApiProblem(HttpStatus.CONFLICT, entity + "-exists", zh + "已存在 (" + entity + " exists)",
                "A " + entity + " with " + field + " " + key + " exists already; change it with PUT.")
                .with(field, key).with("errors", List.of(new FieldViolation(field, "unique",
                        "is already the " + field + " of a " + entity + " (已存在)")));
    }

    public static ApiProblem versionRequired() {
        return ApiProblem.validation(List.of(new FieldViolation("version", "required",
                "is required on PUT: send the version last read (必填)")));
    }

    /** The version a PUT must carry: present and at least 1; null when it is. */
    public static ApiProblem versionProblem(Long version) {
        if (version == null) {
            return versionRequired();
        }
        return version < 1 ? ApiProblem.validation(List.of(new FieldViolation("version", "min:1",
                "must be at least 1: the version last read (版本号从 1 开始)"))) : null;
    }

    public static ApiProblem versionOnCreate() {
        return ApiProblem.validation(List.of(new FieldViolation("version", "absent",
                "is set by the hub; leave it out when creating (创建时不可指定)")));
    }

    public static ApiProblem keyMismatch(String field) {
        return ApiProblem.validation(List.of(new FieldViolation(field, "equals-path",
                "must be left out or equal the " + field + " in the path (与路径不一致)")));
    }

    public static ApiProblem staleVersion(String entity, String key, long sent, long current) {
        return new ApiProblem(HttpStatus.CONFLICT, "stale-version", "Record changed meanwhile (记录已被修改)",
                "The " + entity + " " + key + " is at version " + current + ", the request was based on version "
                        + sent + ". Read it again and reapply the change.")
                .with("currentVersion", current)
                .with("errors", List.of(new FieldViolation("version", "current:" + current,
                        "is not the current version")));
    }

    /** A record others refer to cannot be deleted. */
    public static ApiProblem inUse(String entity, String zh, String key, String by) {
        return new ApiProblem(HttpStatus.CONFLICT, entity + "-in-use", zh + "仍被引用 (" + entity + " in use)",
                "The " + entity + " " + key + " is referred to by " + by + "; remove those first.")
                .with("errors", List.of(new FieldViolation("$", "not-referenced", "is referred to by " + by)));
    }
}
