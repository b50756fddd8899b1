package org.aftersaleshub.stock;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints ERP configuration problems as "APPLICATION FAILED TO START": key, rule, fix; no stack trace. */
public class ErpConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ErpConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ErpConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.problems().stream()
                .map(p -> "  " + p.key() + " [" + p.rule() + "]: " + p.hint()).collect(Collectors.joining("\n",
                        "Set these keys (application.yaml or environment, e.g. KINGDEE_BASE_URL for kingdee.base-url):\n",
                        "")), cause);
    }
}
