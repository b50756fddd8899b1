package org.aftersaleshub.rules;

import java.nio.file.Path;
import java.util.List;
import org.aftersaleshub.routing.RoutesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The rule validation of a running hub: the same validators as the command, and the start-up check. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

    /** Proof that the rule files passed validation at start; beans that read rule files take it as a dependency. */
    public record CheckedRuleFiles(Path dir) {
    }

    @Bean
    RulesValidation rulesValidation(List<RuleFileValidator> validators) {
        return new RulesValidation(validators);
    }

    @Bean
    DeployValidation deployValidation(RulesValidation rules, Environment env) {
        return new DeployValidation(rules, env);
    }

    /** Refuses to start on an error in a rule file, as the route loader does for routes; warnings are logged. */
    @Bean
    CheckedRuleFiles checkedRuleFiles(RulesValidation validation, RulesProperties props, RoutesProperties routes) {
        Path dir = Path.of(props.dir());
        if (dir.toAbsolutePath().normalize().equals(Path.of(routes.routesDir()).toAbsolutePath().normalize())) {
            throw new RuleValidationException(List.of(RuleProblem.error(dir.toString(), 0, 0,
                    "hub.rules.dir is the routes folder", "keep rule files in their own folder next to routes/ "
                            + "(default ./rules): the route loader would read them as routes",
                    "规则文件须放在独立目录（默认 ./rules），不能与 routes/ 相同")));
        }
        List<RuleProblem> problems = validation.validate(dir);
        List<RuleProblem> errors = problems.stream().filter(RuleProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new RuleValidationException(errors);
        }
        problems.forEach(p -> log.warn("Rule file warning: {}", p));
        log.info("Rule files in {} validated ({} warning(s))", dir, problems.size());
        return new CheckedRuleFiles(dir);
    }
}
