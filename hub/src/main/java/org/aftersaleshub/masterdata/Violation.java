package org.aftersaleshub.masterdata;

import java.util.List;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;

/**
 * One broken master-data rule, neutral of where the record came from: the REST API answers it as a
 * {@link FieldViolation} in a 400, the import as a {@link RowProblem} of the row. Each entity's rules produce these
 * once, so an API call and an import row are judged alike.
 *
 * @param field  the field name (as in the REST body and the import column's name)
 * @param rule   machine-readable rule, e.g. {@code required}, {@code max-length:64}, {@code enum:[...]}
 * @param hintZh what to change, in Chinese
 * @param hintEn the same in English
 */
public record Violation(String field, String rule, String hintZh, String hintEn) {

    public FieldViolation toField() {
        return new FieldViolation(field, rule, hintEn + " (" + hintZh + ")");
    }

    public RowProblem toRow() {
        return new RowProblem(field, rule, hintZh, hintEn);
    }

    /** The 400 for these violations; nothing when there are none. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations.stream().map(Violation::toField).toList());
        }
    }

    public static List<RowProblem> rows(List<Violation> violations) {
        return violations.stream().map(Violation::toRow).toList();
    }
}
