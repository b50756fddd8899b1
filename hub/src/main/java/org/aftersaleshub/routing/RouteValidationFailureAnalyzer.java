package org.aftersaleshub.routing;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints route problems as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class RouteValidationFailureAnalyzer extends AbstractFailureAnalyzer<RouteValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RouteValidationException cause) {
        String description = cause.problems().stream().map(p -> "  " + p.file() + (p.line() > 0 ? ":" + p.line() : "")
                + ": " + p.problem()).collect(Collectors.joining("\n"));
        String action = cause.problems().stream().filter(p -> p.hint() != null)
                .map(p -> "  " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.hint())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis("The routes in hub.routes-dir cannot run:\n" + description,
                "Fix the route files, then start the hub again:\n" + action, cause);
    }
}
