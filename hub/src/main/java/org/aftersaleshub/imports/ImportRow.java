package org.aftersaleshub.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One data row of an import file, its cells converted to their columns' types; an empty optional cell is absent.
 *
 * @param number the row's number as the user sees it (the header is row 1 in xlsx and CSV alike)
 * @param values by {@link ImportColumn#name()}: String, BigDecimal, Long or LocalDate
 */
public record ImportRow(int number, Map<String, Object> values) {

    public String text(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    public BigDecimal decimal(String column) {
        return (BigDecimal) values.get(column);
    }

    public Long integer(String column) {
        return (Long) values.get(column);
    }

    public LocalDate date(String column) {
        return (LocalDate) values.get(column);
    }
}
