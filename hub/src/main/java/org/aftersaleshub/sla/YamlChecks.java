package org.aftersaleshub.sla;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The checks one rule file's tree goes through; each failed check is a problem with the node's line and column. */
final class YamlChecks {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    final String file;
    final LocatedYaml yaml;
    final List<SlaRuleProblem> problems;

    YamlChecks(String file, LocatedYaml yaml, List<SlaRuleProblem> problems) {
        this.file = file;
        this.yaml = yaml;
        this.problems = problems;
    }

    void problem(String pointer, String rule, String message, String hint, String hintZh) {
        int[] at = yaml.where(pointer);
        problems.add(new SlaRuleProblem(file, at[0], at[1], rule, message, hint, hintZh));
    }

    /** Refuses keys not in {@code allowed}, naming the nearest allowed one. */
    void keys(JsonNode node, String pointer, String... allowed) {
        List<String> known = List.of(allowed);
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                String near = nearest(k, known);
                problem(pointer + "/" + k, "unknown-key", "unknown key '" + k + "'",
                        near == null ? "allowed keys: " + known : "did you mean '" + near + "'? allowed: " + known,
                        near == null ? "可用的键：" + known : "是否应为 '" + near + "'？可用的键：" + known);
            }
        });
    }

    /** The object at {@code field}, or null (and a problem) when it is something else. */
    boolean isObject(JsonNode node, String pointer, String what) {
        if (node == null || !node.isObject()) {
            problem(pointer, "object", what + " must be a mapping (key: value)", "write it as 'key: value' lines",
                    "请写成“键: 值”的形式");
            return false;
        }
        return true;
    }

    String requiredText(JsonNode parent, String field, String pointer) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isValueNode() || n.asText().isBlank()) {
            problem(n == null ? pointer : pointer + "/" + field, "required", "'" + field + "' is required",
                    "add " + field + ": <value>", "请填写 " + field);
            return null;
        }
        return n.asText().trim();
    }

    String optionalText(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? null : n.asText().trim();
    }

    /** A duration such as 30m, 2h, 1d, 1h30m; null (and a problem when present) otherwise. */
    Duration duration(JsonNode parent, String field, String pointer, boolean required) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problem(pointer, "required", "'" + field + "' is required", "add " + field + ": e.g. 2h, 30m, 1d",
                        "请填写 " + field + "，例如 2h、30m、1d");
            }
            return null;
        }
        Duration d = parseDuration(n.asText());
        if (d == null) {
            problem(pointer + "/" + field, "duration", "'" + n.asText() + "' is not a duration",
                    "write days, hours, minutes, seconds: 30m, 2h, 1d, 1h30m",
                    "请写成时长：30m（分钟）、2h（小时）、1d（天）、1h30m");
        }
        return d;
    }

    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            return null;
        }
        Duration d = Duration.ZERO;
        long[] unit = {86_400, 3_600, 60, 1};
        for (int i = 0; i < 4; i++) {
            if (m.group(i + 1) != null) {
                d = d.plusSeconds(Long.parseLong(m.group(i + 1)) * unit[i]);
            }
        }
        return d;
    }

    /** A scalar or a list of scalars as strings. */
    List<String> list(JsonNode parent, String field, String pointer) {
        JsonNode n = parent.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText().trim()));
        } else if (n.isValueNode()) {
            out.add(n.asText().trim());
        } else {
            problem(pointer + "/" + field, "list", "'" + field + "' must be a value or a list of values",
                    "write " + field + ": [A, B]", "请写成列表：" + field + ": [A, B]");
        }
        return out;
    }

    /** Values of a list that are one of {@code allowed} (case as written in {@code allowed}). */
    Set<String> oneOf(List<String> values, String pointer, String field, List<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (allowed.contains(v)) {
                out.add(v);
            } else {
                String near = nearest(v, allowed);
                problem(pointer + "/" + field + (values.size() > 1 ? "/" + i : ""), "one-of",
                        "'" + v + "' is not a valid " + field, (near == null ? "" : "did you mean '" + near + "'? ")
                                + "allowed: " + allowed, (near == null ? "" : "是否应为 '" + near + "'？") + "可用值："
                                + allowed);
            }
        }
        return out;
    }

    static String nearest(String value, List<String> candidates) {
        LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
        return candidates.stream().min(Comparator.comparingInt(c -> lev.apply(value.toLowerCase(Locale.ROOT),
                c.toLowerCase(Locale.ROOT)))).filter(c -> lev.apply(value.toLowerCase(Locale.ROOT),
                c.toLowerCase(Locale.ROOT)) <= Math.max(2, c.length() / 3)).orElse(null);
    }
}
