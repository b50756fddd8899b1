package org.aftersaleshub.imports;

import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/**
 * A file the import refuses as a whole (not a spreadsheet, wrong headers, formula or merged cells, no data rows, a
 * huge cell, a zip that expands enormously, too many rows): one problem+json naming what and how to fix it, in
 * Chinese for the staff who made the file and in English. Thrown before a job is queued, or recorded as the failed
 * job's error summary when found while the job reads the file.
 */
public final class FileRefusal extends RuntimeException {

    public static final String TYPE = "import-file-refused";

    private final HttpStatus status;
    private final String rule;
    private final String where;
    private final String hintZh;
    private final String hintEn;
    private final transient List<FieldViolation> more;

    /**
     * @param where  what in the file: {@code file}, {@code header:客户名称}, {@code row:12/column:C}
     * @param rule   machine-readable: {@code not-a-spreadsheet}, {@code unknown-header}, {@code formula-cell} …
     * @param hintZh what to do, in Chinese
     * @param hintEn the same in English (the problem's detail)
     */
    FileRefusal(HttpStatus status, String where, String rule, String hintZh, String hintEn,
            List<FieldViolation> more) {
        super(hintEn, null, false, false);
        this.status = status;
        this.rule = rule;
        this.where = where;
        this.hintZh = hintZh;
        this.hintEn = hintEn;
        this.more = more == null ? List.of() : List.copyOf(more);
    }

    static FileRefusal of(HttpStatus status, String where, String rule, String hintZh, String hintEn) {
        return new FileRefusal(status, where, rule, hintZh, hintEn, null);
    }

    /** 422: the file is a spreadsheet, but not one the import can take. */
    static FileRefusal content(String where, String rule, String hintZh, String hintEn) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, where, rule, hintZh, hintEn);
    }

    public String rule() {
        return rule;
    }

    public String where() {
        return where;
    }

    public String hintZh() {
        return hintZh;
    }

    /** One line for the job's error summary and the audit log. */
    public String summary() {
        return where + " " + rule + ": " + hintEn + " / " + hintZh;
    }

    public ApiProblem toProblem() {
        List<FieldViolation> errors = new java.util.ArrayList<>();
        errors.add(new FieldViolation(where, rule, hintEn + " (" + hintZh + ")"));
        errors.addAll(more);
        return new ApiProblem(status, TYPE, "File cannot be imported (文件无法导入)", hintEn)
                .with("rule", rule).with("where", where).with("hintZh", hintZh).with("hintEn", hintEn)
                .with("errors", errors);
    }
}
