package org.aftersaleshub.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files with errors: the hub refuses to start and names each problem with file, line and column. */
public class RuleValidationException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RuleValidationException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rule files:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the problem list is the whole story, as with the route files
    }
}
