package org.aftersaleshub.connector.kingdee.camel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersaleshub.connector.kingdee.KingdeeConnector;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code kingdee:} Camel component: {@code kingdee:deduct}, {@code kingdee:return}, {@code kingdee:stock}.
 * Either give it a started {@link KingdeeConnector} (the hub does, so routes share one session cache) or set the
 * connection options on the component or the endpoint URI; endpoints with the same options share one connector.
 */
@Component("kingdee")
public class KingdeeComponent extends DefaultComponent {

    @Metadata(label = "advanced", autowired = true, description = "A started connector to use; when set, the "
            + "connection options are ignored.")
    private KingdeeConnector connector;
    @Metadata(description = "Component-wide defaults of the endpoint options.")
    private KingdeeConfiguration configuration = new KingdeeConfiguration();

    private final Map<Map<String, String>, KingdeeConnector> owned = new LinkedHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KingdeeOperation operation = KingdeeOperation.parse(remaining);
        KingdeeEndpoint endpoint = new KingdeeEndpoint(uri, this, operation, configuration.copy());
        Map<String, Object> settings = PropertiesHelper.extractProperties(parameters, "settings.");
        if (!settings.isEmpty()) {
            endpoint.getConfiguration().getSettings().putAll(settings);
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared connector, or one started for these options (reused by endpoints with equal options). */
    synchronized KingdeeConnector connectorFor(Map<String, String> config) {
        if (connector != null) {
            return connector;
        }
        return owned.computeIfAbsent(Map.copyOf(config), c -> {
            KingdeeConnector k = new KingdeeConnector();
            k.start(c);
            return k;
        });
    }

    boolean hasSharedConnector() {
        return connector != null;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        owned.values().forEach(KingdeeConnector::stop);
        owned.clear();
        super.doStop();
    }

    public KingdeeConnector getConnector() {
        return connector;
    }

    public void setConnector(KingdeeConnector connector) {
        this.connector = connector;
    }

    public KingdeeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KingdeeConfiguration configuration) {
        this.configuration = configuration;
    }
}
