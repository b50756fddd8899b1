package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The query operators of the FXiaoKe object API (docs/vendor-apis/fxiaoke.md §5.3):
 * {@code EQ N GT GTE LT LTE LIKE NLIKE IS ISN IN NIN BETWEEN NBETWEEN STARTWITH ENDWITH CONTAINS HASANYOF NHASANYOF}.
 * Values compare as numbers when both sides are numeric (FXiaoKe sends numbers and money as strings), else as strings;
 * list fields match on any element.
 */
final class QueryFilters {

    private QueryFilters() {
    }

    static boolean matches(JsonNode field, String operator, JsonNode fieldValues) {
        List<String> have = values(field);
        List<String> want = values(fieldValues);
        String first = want.isEmpty() ? "" : want.get(0);
        return switch (operator.toUpperCase()) {
            case "EQ" -> have.stream().anyMatch(h -> equal(h, first));
            case "N" -> have.stream().noneMatch(h -> equal(h, first));
            case "GT" -> have.stream().anyMatch(h -> compare(h, first) > 0);
            case "GTE" -> have.stream().anyMatch(h -> compare(h, first) >= 0);
            case "LT" -> have.stream().anyMatch(h -> compare(h, first) < 0);
            case "LTE" -> have.stream().anyMatch(h -> compare(h, first) <= 0);
            case "LIKE", "CONTAINS" -> have.stream().anyMatch(h -> h.contains(first));
            case "NLIKE" -> have.stream().noneMatch(h -> h.contains(first));
            case "STARTWITH" -> have.stream().anyMatch(h -> h.startsWith(first));
            case "ENDWITH" -> have.stream().anyMatch(h -> h.endsWith(first));
            case "IS" -> have.isEmpty() || have.stream().allMatch(String::isEmpty);
            case "ISN" -> have.stream().anyMatch(h -> !h.isEmpty());
            case "IN", "HASANYOF" -> have.stream().anyMatch(h -> want.stream().anyMatch(w -> equal(h, w)));
            case "NIN", "NHASANYOF" -> have.stream().noneMatch(h -> want.stream().anyMatch(w -> equal(h, w)));
            case "BETWEEN" -> want.size() == 2 && have.stream().anyMatch(h -> compare(h, want.get(0)) >= 0 && compare(h, want.get(1)) <= 0);
            case "NBETWEEN" -> want.size() == 2 && have.stream().noneMatch(h -> compare(h, want.get(0)) >= 0 && compare(h, want.get(1)) <= 0);
            default -> false;
        };
    }

    static int compare(JsonNode a, JsonNode b) {
        return compare(a.isMissingNode() || a.isNull() ? "" : a.isArray() && a.size() > 0 ? a.get(0).asText() : a.asText(),
                b.isMissingNode() || b.isNull() ? "" : b.isArray() && b.size() > 0 ? b.get(0).asText() : b.asText());
    }

    private static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    private static boolean equal(String a, String b) {
        return compare(a, b) == 0;
    }

    private static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
    }

    private static BigDecimal number(String s) {
        try {
            return s.isEmpty() ? null : new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
