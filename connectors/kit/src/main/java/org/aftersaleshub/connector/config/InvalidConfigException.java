package org.aftersaleshub.connector.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@code start(config)} when the configuration has problems; carries all of them, in order. */
public class InvalidConfigException extends IllegalArgumentException {

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(String connector, List<ConfigProblem> problems) {
        super(connector + " connector configuration is invalid:\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
