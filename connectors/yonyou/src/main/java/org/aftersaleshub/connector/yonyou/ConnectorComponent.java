package org.aftersaleshub.connector.yonyou;

import java.util.Arrays;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** Base of the {@code u8} and {@code yonbip} components: {@code <scheme>:<operation>?<option>=...}. */
public abstract class ConnectorComponent extends DefaultComponent {

    protected abstract ConnectorEndpoint newEndpoint(String uri, StockOperation operation);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        StockOperation operation;
        try {
            operation = StockOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operation '" + remaining + "' in " + uri + "; use one of "
                    + Arrays.toString(StockOperation.values()));
        }
        ConnectorEndpoint endpoint = newEndpoint(uri, operation);
        endpoint.bind(parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
