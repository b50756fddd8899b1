package org.aftersaleshub.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs every {@link RuleFileValidator} over the files of a rules folder (sub-folders too, e.g. calendars/). What
 * the command, the admin endpoint and the start-up check share; it needs no database and no broker.
 */
public class RulesValidation {

    private final List<RuleFileValidator> validators;

    public RulesValidation(List<RuleFileValidator> validators) {
        this.validators = List.copyOf(validators);
    }

    /** Every problem of the rule files in {@code dir}; a missing folder is one warning. */
    public List<RuleProblem> validate(Path dir) {
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            // rules are optional (no dispatch.yaml: tickets are assigned by hand), but a mistyped folder would
            // switch dispatch off unnoticed: say so every time
            problems.add(RuleProblem.warning(dir.toString(), 0, 0, "the rules folder does not exist: no rule applies"
                            + " (no automatic dispatch)",
                    "create it, or set hub.rules.dir (env HUB_RULES_DIR) to the folder holding dispatch.yaml",
                    "规则目录不存在，不会自动派工：请创建该目录，或将 hub.rules.dir（环境变量 HUB_RULES_DIR）设为规则文件所在目录"));
            return problems;
        }
        for (Path file : files(dir, problems)) {
            Path relative = Path.of(dir.relativize(file).toString().replace('\\', '/'));
            List<RuleFileValidator> mine = validators.stream().filter(v -> v.handles(relative)).toList();
            if (mine.isEmpty()) {
                problems.add(RuleProblem.warning(file.toString(), 0, 0, "no rule kind reads this file",
                        "rule files are dispatch.yaml, sla.yaml and calendars/*.yaml (docs/rules.md); remove the "
                                + "file or fix its name",
                        "不是已知的规则文件（dispatch.yaml、sla.yaml、calendars/*.yaml），请删除或更正文件名"));
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(RuleProblem.error(file.toString(), 0, 0, "the file cannot be read: " + e.getMessage(),
                        "check its permissions and that it is UTF-8", "检查文件权限，文件须为 UTF-8 编码"));
                continue;
            }
            for (RuleFileValidator v : mine) {
                problems.addAll(v.validate(file, text));
            }
        }
        return problems;
    }

    private static List<Path> files(Path dir, List<RuleProblem> problems) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            problems.add(RuleProblem.error(dir.toString(), 0, 0, "the rules folder cannot be read: " + e.getMessage(),
                    "check its permissions", "检查目录权限"));
            return List.of();
        }
    }
}
