package org.aftersaleshub.dispatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aftersaleshub.rules.RuleFileValidator;
import org.aftersaleshub.rules.RuleProblem;
import org.aftersaleshub.rules.RuleValidationException;
import org.aftersaleshub.rules.YamlRuleDocument;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code rules/dispatch.yaml}: its check (the JSON Schema, unique rule names, a choose that names a team or skills,
 * and — when the staff directory is at hand — teams and skills nobody has) and its reading.
 */
@Component
public class DispatchRulesFile implements RuleFileValidator {

    /** The file's name in the rules folder. */
    public static final String NAME = "dispatch.yaml";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ObjectProvider<StaffRepository> staff;

    public DispatchRulesFile(ObjectProvider<StaffRepository> staff) {
        this.staff = staff;
    }

    @Override
    public boolean handles(Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.equals(NAME) || name.equals("dispatch.yml");
    }

    @Override
    public List<RuleProblem> validate(Path file, String text) {
        YamlRuleDocument doc = YamlRuleDocument.parse(file, text).checkSchema("dispatch");
        if (doc.hasErrors()) {
            return doc.problems();
        }
        Set<String> names = new HashSet<>();
        for (JsonNode rule : doc.root().path("rules")) {
            String name = rule.path("name").asText();
            if (!names.add(name)) {
                doc.problem(rule.get("name"), RuleProblem.Severity.ERROR, "two rules are named '" + name + "'",
                        "give each rule its own name: the ticket's timeline names the rule that fired",
                        "规则名称必须唯一：工单时间线会显示生效的规则名");
            }
            JsonNode choose = rule.path("choose");
            if (!choose.has("team") && !choose.has("skills")) {
                doc.problem(rule.get("choose"), RuleProblem.Severity.ERROR, "rule '" + name + "' chooses nobody: "
                                + "choose has neither team nor skills",
                        "write `team: <team>` and/or `skills: [<skill>]` under choose",
                        "choose 下至少填写 team（班组）或 skills（技能）之一");
            }
        }
        StaffRepository directory = staff.getIfAvailable();
        if (directory != null) {
            references(doc, directory.all());
        }
        return doc.problems();
    }

    /** Teams and skills that no active staff member has: the rule can never fire (a warning, staff may come later). */
    private static void references(YamlRuleDocument doc, List<Staff> people) {
        Set<String> teams = new TreeSet<>();
        Set<String> skills = new TreeSet<>();
        people.stream().filter(Staff::active).forEach(s -> {
            if (s.team() != null) {
                teams.add(s.team());
            }
            skills.addAll(s.skills());
        });
        for (JsonNode rule : doc.root().path("rules")) {
            team(doc, rule.path("choose").get("team"), teams);
            JsonNode wanted = rule.path("choose").get("skills");
            if (wanted != null) {
                for (JsonNode skill : wanted.isArray() ? wanted : List.of(wanted)) {
                    if (!skills.contains(skill.asText())) {
                        doc.problem(skill, RuleProblem.Severity.WARNING, "no active staff member has the skill '"
                                        + skill.asText() + "'", "add the skill to engineers in the staff directory, "
                                        + "or fix the spelling; skills known: " + skills,
                                "人员目录中没有在职人员具备技能“" + skill.asText() + "”，请补充技能或更正拼写");
                    }
                }
            }
        }
        team(doc, doc.root().path("fallback").get("team"), teams);
    }

    private static void team(YamlRuleDocument doc, JsonNode team, Set<String> teams) {
        if (team != null && !teams.contains(team.asText())) {
            doc.problem(team, RuleProblem.Severity.WARNING, "no active staff member is in the team '" + team.asText()
                            + "'", "set the team of its engineers in the staff directory, or fix the spelling; "
                            + "teams known: " + teams,
                    "人员目录中没有在职人员属于班组“" + team.asText() + "”，请设置人员班组或更正拼写");
        }
    }

    /** Reads the file of {@code dir}; empty when there is none (dispatch is off: tickets are assigned by hand). */
    public Optional<DispatchRuleSet> load(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<RuleProblem> errors = validate(file, text).stream().filter(RuleProblem::isError).toList();
            if (!errors.isEmpty()) {
                throw new RuleValidationException(errors);
            }
            return Optional.of(MAPPER.treeToValue(YamlRuleDocument.parse(file, text).root(), DispatchRuleSet.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
