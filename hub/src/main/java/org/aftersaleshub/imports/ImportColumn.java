package org.aftersaleshub.imports;

/**
 * One column of an import template.
 *
 * @param name      the field name (English, as in the REST API), also accepted as a header
 * @param zh        the Chinese header the template carries, e.g. 客户编号
 * @param type      how a cell is read: a DATE must be a real date cell in xlsx or {@code yyyy-MM-dd} in CSV
 * @param required  an empty cell is refused
 * @param maxLength most characters of a TEXT cell (the table column's size)
 * @param hintZh    what a right value looks like, in Chinese, for the template and for errors
 * @param hintEn    the same in English
 */
public record ImportColumn(String name, String zh, Type type, boolean required, int maxLength, String hintZh,
        String hintEn) {

    /** How a cell is converted: TEXT to String, DECIMAL to BigDecimal, INTEGER to Long, DATE to LocalDate. */
    public enum Type { TEXT, DECIMAL, INTEGER, DATE }
}
