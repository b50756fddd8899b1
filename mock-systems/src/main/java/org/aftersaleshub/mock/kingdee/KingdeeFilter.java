package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The SQL-like {@code FilterString} of ExecuteBillQuery/BillQuery: comparisons ({@code = <> != > >= < <=},
 * {@code like}, {@code in (..)}, {@code is [not] null}) joined by {@code and}/{@code or}/{@code not} with
 * parentheses; or the array form {@code [{"Left","FieldName","Compare","Value","Right","Logic"}]}.
 * String comparison ignores case, as SQL Server's default collation does.
 */
final class KingdeeFilter {

    /** A malformed expression; the mock answers it like the server ({@code GetRealExpress error}, MsgCode 4). */
    static final class BadExpression extends RuntimeException {
        BadExpression(String m) {
            super(m);
        }
    }

    /** A field the form does not have (MsgCode 9). */
    static final class UnknownField extends RuntimeException {
        final String field;

        UnknownField(String field) {
            super(field);
            this.field = field;
        }
    }

    private final List<String> tokens;
    private final Set<String> knownFields;
    private final List<String> usedFields = new ArrayList<>();
    private int pos;

    private KingdeeFilter(List<String> tokens, Set<String> knownFields) {
        this.tokens = tokens;
        this.knownFields = knownFields;
    }

    /** Parses the filter (string or array form) into a row predicate; rows are keyed by lower-case field key. */
    static Predicate<Map<String, Object>> parse(JsonNode filter, Set<String> knownFields, List<String> used) {
        String text = filter == null || filter.isNull() || filter.isMissingNode() ? ""
                : filter.isArray() ? fromArray(filter) : filter.asText();
        if (text.isBlank()) {
            return r -> true;
        }
        KingdeeFilter f = new KingdeeFilter(tokenize(text), knownFields);
        Predicate<Map<String, Object>> p = f.orExpr();
        if (f.pos != f.tokens.size()) {
            throw new BadExpression("unexpected " + f.tokens.get(f.pos));
        }
        used.addAll(f.usedFields);
        return p;
    }

    private static String fromArray(JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode c = arr.get(i);
            String op = switch (c.path("Compare").asText("=").trim().toLowerCase(Locale.ROOT)) {
                case "17", "=" -> "="; // [I] 17 is the equality code seen in real clients
                case ">", "<", ">=", "<=", "<>", "!=", "like" -> c.path("Compare").asText().trim();
                default -> throw new BadExpression("Compare " + c.path("Compare").asText());
            };
            sb.append(c.path("Left").asText("")).append(' ').append(c.path("FieldName").asText()).append(' ')
                    .append(op).append(" '").append(c.path("Value").asText("").replace("'", "''")).append("' ")
                    .append(c.path("Right").asText(""));
            if (i < arr.size() - 1) {
                sb.append(c.path("Logic").asInt(0) == 1 ? " or " : " and ");
            }
        }
        return sb.toString();
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new BadExpression("unterminated string");
                    }
                    if (s.charAt(i) == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            sb.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(s.charAt(i++));
                }
                out.add(sb.toString());
            } else if ("()," .indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("<>=!".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < s.length() && "<>=".indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '@') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_.-@".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                throw new BadExpression("character " + c);
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String word) {
        if (word.equalsIgnoreCase(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new BadExpression("unexpected end");
        }
        return tokens.get(pos++);
    }

    private Predicate<Map<String, Object>> orExpr() {
        Predicate<Map<String, Object>> p = andExpr();
        while (accept("or")) {
            p = p.or(andExpr());
        }
        return p;
    }

    private Predicate<Map<String, Object>> andExpr() {
        Predicate<Map<String, Object>> p = unary();
        while (accept("and")) {
            p = p.and(unary());
        }
        return p;
    }

    private Predicate<Map<String, Object>> unary() {
        if (accept("not")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Map<String, Object>> p = orExpr();
            if (!accept(")")) {
                throw new BadExpression("missing )");
            }
            return p;
        }
        return comparison();
    }

    private Predicate<Map<String, Object>> comparison() {
        String field = next();
        if (field.startsWith("'") || Character.isDigit(field.charAt(0))) {
            throw new BadExpression("field expected at " + field);
        }
        String key = field.toLowerCase(Locale.ROOT);
        if (!knownFields.contains(key)) {
            throw new UnknownField(field);
        }
        usedFields.add(key);
        if (accept("is")) {
            boolean not = accept("not");
            if (!accept("null")) {
                throw new BadExpression("null expected");
            }
            return r -> (r.get(key) == null || "".equals(r.get(key))) != not;
        }
        boolean not = accept("not");
        if (accept("in")) {
            if (!accept("(")) {
                throw new BadExpression("( expected");
            }
            List<String> values = new ArrayList<>();
            do {
                values.add(literal(next()));
            } while (accept(","));
            if (!accept(")")) {
                throw new BadExpression(") expected");
            }
            return r -> values.stream().anyMatch(v -> compare(r.get(key), v) == 0) != not;
        }
        if (accept("like")) {
            String pattern = literal(next());
            Pattern re = Pattern.compile(likeToRegex(pattern), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            return r -> re.matcher(String.valueOf(r.get(key) == null ? "" : r.get(key))).matches() != not;
        }
        if (not) {
            throw new BadExpression("not without in/like");
        }
        String op = next();
        String value = literal(next());
        return switch (op) {
            case "=" -> r -> compare(r.get(key), value) == 0;
            case "<>", "!=" -> r -> compare(r.get(key), value) != 0;
            case ">" -> r -> compare(r.get(key), value) > 0;
            case ">=" -> r -> compare(r.get(key), value) >= 0;
            case "<" -> r -> compare(r.get(key), value) < 0;
            case "<=" -> r -> compare(r.get(key), value) <= 0;
            default -> throw new BadExpression("operator " + op);
        };
    }

    private String literal(String token) {
        if (token.startsWith("'")) {
            return token.substring(1);
        }
        if (token.matches("-?[0-9.]+")) {
            return token;
        }
        throw new BadExpression("literal expected at " + token);
    }

    private static String likeToRegex(String like) {
        StringBuilder sb = new StringBuilder();
        for (char c : like.toCharArray()) {
            sb.append(switch (c) {
                case '%' -> ".*";
                case '_' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return sb.toString();
    }

    private static int compare(Object actual, String literal) {
        if (actual == null) {
            return literal.isEmpty() ? 0 : -1;
        }
        if (actual instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).compareTo(new BigDecimal(literal));
            } catch (NumberFormatException e) {
                return n.toString().compareToIgnoreCase(literal);
            }
        }
        return actual.toString().compareToIgnoreCase(literal);
    }
}
