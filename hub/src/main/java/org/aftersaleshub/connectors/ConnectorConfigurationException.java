package org.aftersaleshub.stock;

import java.util.List;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.config.ConfigProblem;

/** The ERP connector's configuration has problems; the hub refuses to start and names each key, rule and fix. */
public class ErpConfigurationException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ErpConfigurationException(String connector, List<ConfigProblem> problems) {
        super("The " + connector + " connector configuration is invalid:\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the problem list says everything
    }
}
