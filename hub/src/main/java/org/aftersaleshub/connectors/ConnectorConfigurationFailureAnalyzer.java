package org.aftersaleshub.connectors;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints connector configuration problems as "APPLICATION FAILED TO START": key, rule, fix; no stack trace. */
public class ConnectorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConnectorConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectorConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.problems().stream()
                .map(p -> "  " + p.key() + " [" + p.rule() + "]: " + p.hint()).collect(Collectors.joining("\n",
                        "Set these keys in application.yaml or the environment (secrets as ${ENV_VAR}); each "
                                + "connector's keys: docs/connectors/<type>.md\n", "")), cause);
    }
}
