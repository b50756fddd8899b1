package org.aftersaleshub.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.notify.NoticeTemplates;
import org.aftersaleshub.routing.RouteFilesCheck;
import org.aftersaleshub.routing.RouteProblem;
import org.springframework.core.env.Environment;

/**
 * What {@code validate} checks before a deploy: the routes folder (Camel YAML DSL and the hub's route rules, as at
 * start), the message templates that replace shipped ones, and the rules folder (every {@link RuleFileValidator}). Shared by the command and the admin endpoint.
 */
public class DeployValidation {

    /** The outcome: every problem, routes first. */
    public record Report(Path routesDir, Path rulesDir, List<RuleProblem> problems) {

        public long errors() {
            return problems.stream().filter(RuleProblem::isError).count();
        }

        public long warnings() {
            return problems.size() - errors();
        }
    }

    private final RulesValidation rules;
    private final Environment env;

    public DeployValidation(RulesValidation rules, Environment env) {
        this.rules = rules;
        this.env = env;
    }

    public Report validate(Path routesDir, Path rulesDir) {
        List<RuleProblem> problems = new ArrayList<>();
        if (routesDir.toAbsolutePath().normalize().equals(rulesDir.toAbsolutePath().normalize())) {
            problems.add(RuleProblem.error(rulesDir.toString(), 0, 0, "hub.rules.dir is the routes folder",
                    "keep rule files in their own folder next to routes/ (default ./rules): the route loader would "
                            + "read them as routes", "规则文件须放在独立目录（默认 ./rules），不能与 routes/ 相同"));
            return new Report(routesDir, rulesDir, problems);
        }
        for (RouteProblem p : RouteFilesCheck.check(routesDir, env)) {
            problems.add(RuleProblem.error(p.file(), p.line(), 0, p.problem(), p.hint(),
                    "路由文件（Camel YAML DSL）有误，请按英文提示修改后再部署"));
        }
        for (NoticeTemplates.Problem p : NoticeTemplates.check(templatesDir(routesDir))) {
            problems.add(RuleProblem.error(p.file(), p.line(), 0, p.message(), p.hint(),
                    "消息模板有误，请按英文提示修改后再部署"));
        }
        problems.addAll(rules.validate(rulesDir));
        return new Report(routesDir, rulesDir, problems);
    }

    /** The message templates that replace shipped ones: hub.notify.templates-dir, or templates/ of this routes dir. */
    private Path templatesDir(Path routesDir) {
        String configured = env.getProperty("hub.notify.templates-dir");
        String routes = env.getProperty("hub.routes-dir");
        // the default (${hub.routes-dir}/templates) follows the routes folder being validated
        if (configured == null || routes == null || Path.of(configured).equals(Path.of(routes, "templates"))) {
            return routesDir.resolve("templates");
        }
        return Path.of(configured);
    }
}
