package org.aftersaleshub.connector.kingdee.camel;

import java.util.List;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.kingdee.KingdeeConnector;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A {@code kingdee:<operation>} endpoint; producer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "kingdee", title = "Kingdee K/3 Cloud", syntax = "kingdee:operation",
        producerOnly = true, category = {Category.SAAS}, headersClass = KingdeeConstants.class)
public class KingdeeEndpoint extends DefaultEndpoint {

    @UriPath(enums = "deduct,return,stock", description = "deduct: book a part usage; return: book the compensating "
            + "inbound document; stock: read real-time stock")
    @Metadata(required = true)
    private final KingdeeOperation operation;
    @UriParam
    private KingdeeConfiguration configuration;

    KingdeeEndpoint(String uri, KingdeeComponent component, KingdeeOperation operation,
                    KingdeeConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public KingdeeComponent getComponent() {
        return (KingdeeComponent) super.getComponent();
    }

    /**
     * Fails fast, naming each missing or wrong option and where to set it, before any message flows.
     */
    @Override
    public Producer createProducer() {
        if (!getComponent().hasSharedConnector()) {
            List<ConfigProblem> problems = new KingdeeConnector().validateParameters(configuration.toConnectorConfig());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("kingdee:" + operation.name().toLowerCase() + " cannot start:\n  "
                        + problems.stream().map(KingdeeEndpoint::explain).collect(Collectors.joining("\n  "))
                        + "\nSet the options on the endpoint URI or the component, or give the component a started "
                        + "KingdeeConnector (option connector).");
            }
        }
        return new KingdeeProducer(this);
    }

    private static String explain(ConfigProblem p) {
        String option = KingdeeConfiguration.optionFor(p.key());
        String label = KingdeeConnectorConfig.CONFIG_DEF.key(p.key()).map(ConfigKey::label).orElse("");
        return "option " + option + " (" + p.key() + (label.isEmpty() ? "" : ", " + label) + "): " + p.hint();
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("kingdee: endpoints only send (kingdee:deduct, kingdee:return, "
                + "kingdee:stock); there is no consumer");
    }

    KingdeeConnector connector() {
        return getComponent().connectorFor(configuration.toConnectorConfig());
    }

    public KingdeeOperation getOperation() {
        return operation;
    }

    public KingdeeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KingdeeConfiguration configuration) {
        this.configuration = configuration;
    }

    // endpoint options are bound by name onto the configuration (reflection binding; no generated configurer)
    public void setBaseUrl(String v) { configuration.setBaseUrl(v); }
    public void setAcctId(String v) { configuration.setAcctId(v); }
    public void setUserName(String v) { configuration.setUserName(v); }
    public void setAuthMode(String v) { configuration.setAuthMode(v); }
    public void setAppId(String v) { configuration.setAppId(v); }
    public void setAppSecret(String v) { configuration.setAppSecret(v); }
    public void setPassword(String v) { configuration.setPassword(v); }
    public void setOrgNumber(String v) { configuration.setOrgNumber(v); }
    public void setLcid(Integer v) { configuration.setLcid(v); }
    public void setWriteMode(String v) { configuration.setWriteMode(v); }
    public void setTimeoutMs(Long v) { configuration.setTimeoutMs(v); }
}
