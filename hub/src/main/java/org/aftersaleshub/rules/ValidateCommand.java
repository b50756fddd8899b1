package org.aftersaleshub.rules;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.routing.RoutesProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar hub.jar validate [dir] [--spring.profiles.active=prod ...]}: checks the routes and rule files
 * before a deploy and exits 0 (clean, warnings allowed), 1 (problems) or 2 (usage). {@code dir} is the folder
 * holding {@code routes/} and {@code rules/}; without it the configured hub.routes-dir and hub.rules.dir are checked.
 *
 * <p>It starts no hub: a small Spring context reads the configuration (application.yaml, profiles, environment) and
 * holds only the {@link RuleFileValidator} beans and the configuration properties — no database, no broker, no web
 * server — so a CI pipeline can run it anywhere.
 */
public final class ValidateCommand {

    /** The first argument that selects the command. */
    public static final String NAME = "validate";

    private ValidateCommand() {
    }

    /** Whether {@code args} ask for this command (the hub's main method then runs it instead of the hub). */
    public static boolean requested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        List<String> spring = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.file.name=",
                "--logging.level.root=WARN", "--spring.main.log-startup-info=false"));
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                spring.add(args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() > 1 || args.length > 0 && !NAME.equals(args[0])) {
            err.println("usage: java -jar hub.jar validate [dir] [--spring.profiles.active=<profile>]");
            err.println("  dir: the folder holding routes/ and rules/ (default: hub.routes-dir and hub.rules.dir)");
            return 2;
        }
        Path base = positional.isEmpty() ? null : Path.of(positional.get(0));
        if (base != null && !Files.isDirectory(base)) {
            err.println("validate: " + base + " is not a folder (用法: validate [含 routes/ 与 rules/ 的目录])");
            return 2;
        }
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE).registerShutdownHook(false).run(spring.toArray(String[]::new))) {
            Environment env = ctx.getEnvironment();
            RoutesProperties routes = ctx.getBean(RoutesProperties.class);
            RulesProperties rules = ctx.getBean(RulesProperties.class);
            Path routesDir = base == null ? Path.of(routes.routesDir()) : base.resolve("routes");
            Path rulesDir = base == null ? Path.of(rules.dir()) : base.resolve("rules");
            DeployValidation.Report report = new DeployValidation(ctx.getBean(RulesValidation.class), env)
                    .validate(routesDir, rulesDir);
            report.problems().forEach(out::println);
            out.println("validate: " + routesDir + " and " + rulesDir + ": " + report.errors() + " error(s), "
                    + report.warnings() + " warning(s)" + (report.errors() == 0 ? " — OK" : ""));
            out.flush();
            return report.errors() == 0 ? 0 : 1;
        }
    }

    /**
     * The command's context: configuration properties and the rule validators, nothing else. Not a
     * {@code @Configuration}, so the hub's own component scan never picks it up.
     */
    @ComponentScan(basePackages = "org.aftersaleshub", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = RuleFileValidator.class))
    @ConfigurationPropertiesScan("org.aftersaleshub")
    static class Context {

        @Bean
        RulesValidation rulesValidation(List<RuleFileValidator> validators) {
            return new RulesValidation(validators);
        }
    }
}
