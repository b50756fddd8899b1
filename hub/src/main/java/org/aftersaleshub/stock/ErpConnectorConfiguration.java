package org.aftersaleshub.stock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the ERP connector named by {@code hub.erp.connector}. Its keys are read from the Spring environment by the
 * names the connector declares (so {@code KINGDEE_APP_SECRET} sets {@code kingdee.app-secret}); stage-1 problems stop
 * the start with key, rule and fix; a failed connectivity check is logged (or stops the start with
 * {@code hub.erp.require-connectivity=true}). The started connector is a bean, which Camel autowires into the
 * connector's component ({@code kingdee:} ...), so routes and the API share one session and one rate budget.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${hub.erp.connector:}' != ''")
public class ErpConnectorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ErpConnectorConfiguration.class);

    /** Connectors that must be running before the ERP connector starts (the embedded default's mocks). */
    public interface ErpDependency {
    }

    @Bean(destroyMethod = "stop")
    HubConnector erpConnector(ErpProperties props, Environment env, ObjectProvider<ErpDependency> before) {
        before.orderedStream().forEach(d -> log.debug("ERP connector starts after {}", d));
        HubConnector connector = HubConnectors.byName(props.connector()).orElseThrow(() ->
                new ErpConfigurationException(props.connector(), List.of(new ConfigProblem("hub.erp.connector",
                        "one-of", "no ERP connector named '" + props.connector() + "' is installed; installed: "
                        + HubConnectors.discover().stream().map(HubConnector::name).toList()
                        + " (leave hub.erp.connector empty to run without an ERP)"))));
        Map<String, String> config = new LinkedHashMap<>();
        for (ConfigKey key : connector.configDef().keys()) {
            String value = env.getProperty(key.name());
            if (value != null) {
                config.put(key.name(), value);
            }
        }
        List<ConfigProblem> problems = connector.validateParameters(config);
        if (!problems.isEmpty()) {
            throw new ErpConfigurationException(connector.name(), problems);
        }
        List<ConfigProblem> unreachable = connector.validateConnectivity(config,
                connector.configDef().connectivityTimeout(config));
        if (!unreachable.isEmpty()) {
            if (props.requireConnectivity()) {
                throw new ErpConfigurationException(connector.name(), unreachable);
            }
            log.warn("The {} ERP is not reachable now; deductions wait and are retried: {}", connector.name(),
                    unreachable);
        }
        connector.start(config);
        log.info("ERP connector {} started ({})", connector.name(), connector.capabilities());
        return connector;
    }
}
