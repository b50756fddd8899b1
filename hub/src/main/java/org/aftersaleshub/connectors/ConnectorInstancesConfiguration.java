package org.aftersaleshub.connectors;

import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.stock.ErpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts every connector instance the deployment declares ({@link ConnectorDeclarations}) and publishes them as the
 * one {@link ConnectorInstances} bean: Camel autowires it into every connector component, so
 * {@code kingdee:kingdee-sh?operation=deduct} in a route and the stock API reach the same started connector — one
 * session or token cache and one rate budget per instance. Each instance is validated with its connector's
 * {@code ConfigDef}: any problem stops the start naming instance, key, rule and fix. A failed connectivity check is
 * logged and shown by {@code GET /api/v1/connectors} (it stops the start with
 * {@code hub.erp.require-connectivity=true}): a connector must start while its system is down, its calls wait.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorInstancesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectorInstancesConfiguration.class);

    /** Beans that must be running before the connectors start (the embedded default's mock systems). */
    public interface StartsBeforeConnectors {
    }

    @Bean
    ConnectorStates connectorStates() {
        return new ConnectorStates();
    }

    @Bean(destroyMethod = "stopAll")
    ConnectorInstances connectorInstances(Environment env, ErpProperties erp, ConnectorStates states,
                                          ObjectProvider<StartsBeforeConnectors> before, SharedState sharedState) {
        before.orderedStream().forEach(d -> log.debug("connectors start after {}", d));
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConnectorDeclarations.Declaration> declared = ConnectorDeclarations.read(env, erp.connector(), problems);
        List<HubConnector> connectors = new ArrayList<>();
        for (ConnectorDeclarations.Declaration d : declared) {
            HubConnector c = HubConnectors.byName(d.type()).orElseThrow();
            List<ConfigProblem> own = c.validateParameters(d.config()).stream()
                    .map(p -> new ConfigProblem(d.whereSet(p.key()), p.rule(), "[" + d.name() + "] " + p.hint()))
                    .toList();
            states.validated(d.name(), d.origin(), own, () -> HubConnectors.byName(d.type()).orElseThrow()
                    .validateConnectivity(d.config(), c.configDef().connectivityTimeout(d.config())).stream()
                    .map(p -> new ConfigProblem(d.whereSet(p.key()), p.rule(), p.hint())).toList());
            problems.addAll(own);
            connectors.add(c);
        }
        if (!problems.isEmpty()) {
            throw new ConnectorConfigurationException(problems);
        }
        // budgets, tokens and quota counts the instances build while they start live in the hub's database, shared
        // with the same instance in every other hub process (budget package)
        ConnectorInstances instances = new ConnectorInstances(sharedState);
        for (int i = 0; i < declared.size(); i++) {
            ConnectorDeclarations.Declaration d = declared.get(i);
            HubConnector c = connectors.get(i);
            List<ConfigProblem> unreachable = c.validateConnectivity(d.config(),
                    c.configDef().connectivityTimeout(d.config())).stream()
                    .map(p -> new ConfigProblem(d.whereSet(p.key()), p.rule(), p.hint())).toList();
            states.checked(d.name(), unreachable);
            if (!unreachable.isEmpty()) {
                if (erp.requireConnectivity()) {
                    instances.stopAll();
                    throw new ConnectorConfigurationException(unreachable);
                }
                log.warn("Connector instance {} ({}) is not reachable now; its calls wait and are retried: {}",
                        d.name(), d.type(), unreachable);
            }
            instances.start(d.name(), c, d.config());
            log.info("Connector instance {} ({}) started: {}", d.name(), d.type(), c.capabilities());
        }
        return instances;
    }
}
