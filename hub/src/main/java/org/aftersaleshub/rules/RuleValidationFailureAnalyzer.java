package org.aftersaleshub.rules;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints rule-file problems as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class RuleValidationFailureAnalyzer extends AbstractFailureAnalyzer<RuleValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleValidationException cause) {
        String description = cause.problems().stream().map(p -> "  " + where(p) + ": " + p.problem())
                .collect(Collectors.joining("\n"));
        String action = cause.problems().stream().map(p -> "  " + where(p) + ": " + p.hint() + " / " + p.hintZh())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis("The rule files in hub.rules.dir cannot run:\n" + description,
                "Fix the rule files (java -jar hub.jar validate shows every problem), then start the hub again:\n"
                        + action, cause);
    }

    private static String where(RuleProblem p) {
        return p.file() + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "");
    }
}
