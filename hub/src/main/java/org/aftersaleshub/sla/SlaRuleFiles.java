package org.aftersaleshub.sla;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.TicketStatus;

/**
 * Reads and checks the SLA rule files of a rules folder: {@code sla.yaml} (policies and escalation rules) and
 * {@code calendars/*.yaml} (business calendars). Problems are data — every one with file, line, column, the rule
 * checked and a hint in English and Chinese — so the {@code validate} command, the API and the start-up show all of
 * them at once. The JSON Schemas for editors are {@code rules-schema/sla.schema.json} and
 * {@code rules-schema/calendar.schema.json} in the hub jar.
 *
 * <p>Entry point for the {@code validate} command: {@link #validate(Path)}.
 */
public final class SlaRuleFiles {

    /** The outcome: the rules (usable only when {@code problems} is empty) and the problems. */
    public record Result(SlaRules rules, List<SlaRuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final String SLA_FILE = "sla.yaml";
    static final String CALENDARS_DIR = "calendars";
    private static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Enum::name).toList();
    private static final List<String> STATUSES = Stream.concat(Arrays.stream(TicketStatus.values()).map(Enum::name),
            Stream.of("待处理")).toList();

    private SlaRuleFiles() {
    }

    /** The problems of the SLA files in {@code rulesDir} (none when the folder has no SLA files). */
    public static List<SlaRuleProblem> validate(Path rulesDir) {
        return read(rulesDir).problems();
    }

    /** Reads {@code rulesDir/sla.yaml} and {@code rulesDir/calendars/*.yaml}; a missing file means none. */
    public static Result read(Path rulesDir) {
        List<SlaRuleProblem> problems = new ArrayList<>();
        CalendarFiles calendars = new CalendarFiles();
        Path calendarDir = rulesDir.resolve(CALENDARS_DIR);
        if (Files.isDirectory(calendarDir)) {
            try (Stream<Path> files = Files.list(calendarDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    YamlChecks c = checks(f, problems);
                    if (c != null) {
                        calendars.read(c);
                    }
                }
            } catch (IOException e) {
                problems.add(new SlaRuleProblem(calendarDir.toString(), 0, 0, "readable", "cannot list the folder: "
                        + e.getMessage(), "check the folder's permissions", "请检查目录权限"));
            }
        }
        Map<String, BusinessCalendar> cals = calendars.calendars();
        Path sla = rulesDir.resolve(SLA_FILE);
        if (!Files.exists(sla)) {
            return new Result(new SlaRules(List.of(), List.of(), cals), problems);
        }
        YamlChecks c = checks(sla, problems);
        List<SlaRules.Policy> policies = new ArrayList<>();
        List<SlaRules.EscalationRule> rules = new ArrayList<>();
        if (c != null && c.isObject(c.yaml.root, "", "sla.yaml")) {
            JsonNode root = c.yaml.root;
            c.keys(root, "", "warn-at", "calendar", "policies", "rules");
            Double warnAt = fraction(c, root, "", null);
            String calendar = calendarRef(c, root, "", cals, BusinessCalendar.ALWAYS_ID);
            Set<String> ids = new HashSet<>();
            JsonNode ps = root.path("policies");
            for (int i = 0; i < ps.size(); i++) {
                SlaRules.Policy p = policy(c, ps.get(i), "/policies/" + i, cals, warnAt, calendar);
                if (p != null && !ids.add(p.id())) {
                    c.problem("/policies/" + i + "/id", "unique-id", "policy id '" + p.id() + "' is used twice",
                            "give each policy its own id", "每个策略的 id 须唯一");
                } else if (p != null) {
                    policies.add(p);
                }
            }
            JsonNode rs = root.path("rules");
            for (int i = 0; i < rs.size(); i++) {
                SlaRules.EscalationRule r = rule(c, rs.get(i), "/rules/" + i, cals);
                if (r != null && !ids.add(r.id())) {
                    c.problem("/rules/" + i + "/id", "unique-id", "id '" + r.id() + "' is used twice",
                            "give each policy and rule its own id", "策略与规则的 id 须唯一");
                } else if (r != null) {
                    rules.add(r);
                }
            }
        }
        return new Result(new SlaRules(policies, rules, cals), problems);
    }

    private static YamlChecks checks(Path file, List<SlaRuleProblem> problems) {
        String name = file.toString();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new YamlChecks(name, LocatedYaml.parse(text), problems);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new SlaRuleProblem(name, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "yaml", "not valid YAML: " + e.getOriginalMessage(), "check indentation and quoting near here",
                    "请检查此处的缩进与引号"));
        } catch (IOException e) {
            problems.add(new SlaRuleProblem(name, 0, 0, "readable", "cannot read the file: " + e.getMessage(),
                    "check the file's permissions and encoding (UTF-8)", "请检查文件权限与编码（UTF-8）"));
        }
        return null;
    }

    private static SlaRules.Policy policy(YamlChecks c, JsonNode n, String at, Map<String, BusinessCalendar> cals,
                                          Double defaultWarnAt, String defaultCalendar) {
        if (!c.isObject(n, at, "a policy")) {
            return null;
        }
        c.keys(n, at, "id", "name", "match", "calendar", "response", "resolution", "warn-at", "pause-while",
                "escalation");
        String id = c.requiredText(n, "id", at);
        SlaRules.Match match = match(c, n, at);
        String calendar = calendarRef(c, n, at, cals, defaultCalendar);
        Duration response = c.duration(n, "response", at, true);
        Duration resolution = c.duration(n, "resolution", at, true);
        if (response != null && resolution != null && resolution.compareTo(response) < 0) {
            c.problem(at + "/resolution", "resolution-after-response", "the resolution time is shorter than the "
                    + "response time", "make resolution at least as long as response", "解决时限不应短于响应时限");
        }
        Double warnAt = fraction(c, n, at, defaultWarnAt);
        Set<TicketStatus> pause = statuses(c, n, "pause-while", at);
        List<SlaRules.Step> steps = new ArrayList<>();
        JsonNode es = n.path("escalation");
        for (int i = 0; i < es.size(); i++) {
            SlaRules.Step s = step(c, es.get(i), at + "/escalation/" + i, true);
            if (s != null) {
                steps.add(s);
            }
        }
        if (steps.isEmpty()) {
            steps.add(new SlaRules.Step(Duration.ZERO, List.of("assignee", "supervisor"), null, false));
        }
        if (id == null || response == null || resolution == null) {
            return null;
        }
        return new SlaRules.Policy(id, c.optionalText(n, "name"), match, calendar, response, resolution, warnAt,
                pause, steps);
    }

    private static SlaRules.EscalationRule rule(YamlChecks c, JsonNode n, String at,
                                                Map<String, BusinessCalendar> cals) {
        if (!c.isObject(n, at, "a rule")) {
            return null;
        }
        c.keys(n, at, "id", "name", "match", "status", "after", "calendar", "notify", "label", "escalate");
        String id = c.requiredText(n, "id", at);
        SlaRules.Match match = match(c, n, at);
        Set<TicketStatus> statuses = statuses(c, n, "status", at);
        if (!n.has("status")) {
            c.problem(at, "required", "'status' is required", "add status: 待处理 (or a list of statuses)",
                    "请填写 status，例如 待处理");
        }
        Duration after = c.duration(n, "after", at, true);
        String calendar = calendarRef(c, n, at, cals, BusinessCalendar.ALWAYS_ID);
        SlaRules.Step action = step(c, n, at, false);
        if (id == null || after == null || action == null || statuses.isEmpty()) {
            return null;
        }
        return new SlaRules.EscalationRule(id, c.optionalText(n, "name"), match, statuses, after, calendar, action);
    }

    /** A step's notify / label / escalate (and for chain steps its {@code after}). */
    private static SlaRules.Step step(YamlChecks c, JsonNode n, String at, boolean chain) {
        if (chain) {
            if (!c.isObject(n, at, "an escalation step")) {
                return null;
            }
            c.keys(n, at, "after", "notify", "label", "escalate");
        }
        Duration after = chain ? c.duration(n, "after", at, false) : Duration.ZERO;
        List<String> notify = List.copyOf(c.oneOf(c.list(n, "notify", at), at, "notify", SlaRules.ROLES));
        String label = c.optionalText(n, "label");
        if (label != null && (label.isBlank() || label.length() > 32)) {
            c.problem(at + "/label", "label", "a label has 1 to 32 characters", "shorten the label",
                    "标签须为 1 至 32 个字符");
        }
        boolean escalate = n.path("escalate").asBoolean(false);
        if (n.has("escalate") && !n.get("escalate").isBoolean()) {
            c.problem(at + "/escalate", "boolean", "escalate is true or false", "write escalate: true",
                    "请写 escalate: true 或 false");
        }
        if (notify.isEmpty() && label == null && !escalate) {
            c.problem(at, "action", "the step does nothing", "add notify: [supervisor], a label or escalate: true",
                    "请至少填写 notify、label 或 escalate 之一");
            return null;
        }
        return new SlaRules.Step(after == null ? Duration.ZERO : after, notify, label, escalate);
    }

    private static SlaRules.Match match(YamlChecks c, JsonNode n, String at) {
        JsonNode m = n.get("match");
        if (m == null) {
            return SlaRules.Match.ANY;
        }
        if (!c.isObject(m, at + "/match", "match")) {
            return SlaRules.Match.ANY;
        }
        c.keys(m, at + "/match", "priority", "tier", "region");
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        c.oneOf(c.list(m, "priority", at + "/match"), at + "/match", "priority", PRIORITIES)
                .forEach(p -> priorities.add(Priority.valueOf(p)));
        return new SlaRules.Match(priorities, Set.copyOf(c.list(m, "tier", at + "/match")),
                Set.copyOf(c.list(m, "region", at + "/match")));
    }

    private static Set<TicketStatus> statuses(YamlChecks c, JsonNode n, String field, String at) {
        Set<TicketStatus> out = EnumSet.noneOf(TicketStatus.class);
        for (String s : c.oneOf(c.list(n, field, at), at, field, STATUSES)) {
            if (s.equals("待处理")) {
                out.addAll(SlaRules.PENDING);
            } else {
                out.add(TicketStatus.valueOf(s));
            }
        }
        return out;
    }

    private static Double fraction(YamlChecks c, JsonNode n, String at, Double fallback) {
        JsonNode w = n.get("warn-at");
        if (w == null) {
            return fallback;
        }
        if (!w.isNumber() || w.asDouble() <= 0 || w.asDouble() >= 1) {
            c.problem(at + "/warn-at", "fraction", "warn-at is a fraction between 0 and 1",
                    "write e.g. warn-at: 0.8 (warn when 80 % of the time has passed)",
                    "请写 0 到 1 之间的小数，例如 0.8（时限过去 80% 时预警）");
            return fallback;
        }
        return w.asDouble();
    }

    private static String calendarRef(YamlChecks c, JsonNode n, String at, Map<String, BusinessCalendar> cals,
                                      String fallback) {
        String id = c.optionalText(n, "calendar");
        if (id == null) {
            return fallback;
        }
        if (!cals.containsKey(id)) {
            String near = YamlChecks.nearest(id, List.copyOf(cals.keySet()));
            c.problem(at + "/calendar", "calendar-ref", "no calendar '" + id + "' in rules/calendars/",
                    (near == null ? "" : "did you mean '" + near + "'? ") + "known: " + cals.keySet()
                            + "; add a file rules/calendars/<name>.yaml with calendar: " + id,
                    (near == null ? "" : "是否应为 '" + near + "'？") + "已有日历：" + cals.keySet()
                            + "；或在 rules/calendars/ 中新增 calendar: " + id + " 的文件");
            return fallback;
        }
        return id;
    }
}
