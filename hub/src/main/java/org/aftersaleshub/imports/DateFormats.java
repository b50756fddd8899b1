package org.aftersaleshub.imports;

/**
 * Whether an xlsx number format shows a date. Excel stores a date as a number with a date format; the built-in date
 * ids are 14–22 and 45–47 plus the ones Chinese Excel uses (27–36, 50–58); a custom format is a date when it has y,
 * m, d, h or s outside quotes, brackets and escapes (docs/vendor-apis/xlsx.md §3).
 */
final class DateFormats {

    private DateFormats() {
    }

    static boolean isDate(Integer id, String format) {
        if (id != null && ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
                || (id >= 50 && id <= 58))) {
            return true;
        }
        if (format == null || format.isBlank() || format.equalsIgnoreCase("General")) {
            return false;
        }
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < format.length(); i++) {
            char ch = format.charAt(i);
            if (ch == '\\' || ch == '_' || ch == '*') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '[') {
                bracket = true;
            } else if (!quoted && ch == ']') {
                bracket = false;
            } else if (!quoted && !bracket && "yYmMdDhHsS".indexOf(ch) >= 0) {
                return true;
            }
        }
        return false;
    }
}
