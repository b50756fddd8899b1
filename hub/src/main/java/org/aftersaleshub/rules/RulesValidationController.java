package org.aftersaleshub.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.List;
import org.aftersaleshub.routing.RoutesProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/rules/validate} (admin): the {@code validate} command over the hub's own folders. */
@RestController
@RequestMapping("/api/v1/admin/rules")
@Tag(name = "Rules", description = "Dispatch rules, SLA policies and calendars (规则文件)")
public class RulesValidationController {

    /**
     * The outcome of a validation.
     *
     * @param valid    no errors (warnings allowed): a restart would load these files
     * @param errors   problems that would stop the start
     * @param warnings problems reported only
     */
    public record ValidationResult(boolean valid, String routesDir, String rulesDir, long errors, long warnings,
                                   List<RuleProblem> problems) {
    }

    private final DeployValidation validation;
    private final RoutesProperties routes;
    private final RulesProperties rules;

    public RulesValidationController(DeployValidation validation, RoutesProperties routes, RulesProperties rules) {
        this.validation = validation;
        this.routes = routes;
        this.rules = rules;
    }

    @Operation(summary = "Validate the route and rule files on disk before a restart (校验路由与规则文件)",
            description = "Checks hub.routes-dir (Camel YAML DSL and the hub's route rules) and hub.rules.dir "
                    + "(dispatch.yaml and every other rule kind) as they are on disk now, as the start would. "
                    + "Answers 200 with every problem (file, line, column, hint in English and Chinese); "
                    + "valid=false when a restart would refuse to start.")
    @PostMapping(path = "/validate", produces = MediaType.APPLICATION_JSON_VALUE)
    public ValidationResult validate() {
        DeployValidation.Report r = validation.validate(Path.of(routes.routesDir()), Path.of(rules.dir()));
        return new ValidationResult(r.errors() == 0, r.routesDir().toString(), r.rulesDir().toString(), r.errors(),
                r.warnings(), r.problems());
    }
}
