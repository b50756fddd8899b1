package org.aftersaleshub.routing;

import java.util.List;
import java.util.stream.Collectors;

/** Route files that cannot run; the hub refuses to start and names each problem with file and line. */
public class RouteValidationException extends RuntimeException {

    private final transient List<RouteProblem> problems;

    public RouteValidationException(List<RouteProblem> problems) {
        super(problems.size() + " problem(s) in the route files:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RouteProblem> problems() {
        return problems;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the problem list is the whole story; a stack trace would only bury it
    }
}
