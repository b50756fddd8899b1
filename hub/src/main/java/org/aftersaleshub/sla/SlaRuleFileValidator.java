package org.aftersaleshub.sla;

import java.nio.file.Path;
import java.util.List;
import org.aftersaleshub.rules.RuleFileValidator;
import org.aftersaleshub.rules.RuleProblem;
import org.springframework.stereotype.Component;

/**
 * Puts {@code sla.yaml} and {@code calendars/*.yaml} under the shared rule check ({@code validate}, the validate
 * endpoint, the start-up check). The SLA files are read together — a policy names a calendar of another file — so
 * each file's check reads its rules folder as a whole with {@link SlaRuleFiles} and keeps the problems located in
 * that file.
 */
@Component
class SlaRuleFileValidator implements RuleFileValidator {

    @Override
    public boolean handles(Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.equals(SlaRuleFiles.SLA_FILE) || (name.startsWith(SlaRuleFiles.CALENDARS_DIR + "/")
                && (name.endsWith(".yaml") || name.endsWith(".yml")));
    }

    @Override
    public List<RuleProblem> validate(Path file, String text) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Path rulesDir = parent.getFileName() != null && parent.getFileName().toString()
                .equals(SlaRuleFiles.CALENDARS_DIR) ? parent.getParent() : parent;
        return SlaRuleFiles.validate(rulesDir).stream()
                .filter(p -> Path.of(p.file()).toAbsolutePath().normalize().equals(absolute))
                .map(p -> RuleProblem.error(file.toString(), p.line(), p.column(), p.message() + " [" + p.rule() + "]",
                        p.hint(), p.hintZh()))
                .toList();
    }
}
