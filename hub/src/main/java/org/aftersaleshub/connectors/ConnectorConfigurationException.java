package org.aftersaleshub.connectors;

import java.util.List;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.config.ConfigProblem;

/**
 * The connector instances' configuration has problems; the hub refuses to start and names each instance, key, rule
 * and fix (the keys are written as they are set: {@code hub.connectors.<instance>.<key>}).
 */
public class ConnectorConfigurationException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConnectorConfigurationException(List<ConfigProblem> problems) {
        super("The connector configuration is invalid (连接器配置错误):\n  "
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
