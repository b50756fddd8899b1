package org.aftersaleshub.connector.yonyou.u8;

import org.aftersaleshub.connector.yonyou.ConnectorComponent;
import org.aftersaleshub.connector.yonyou.ConnectorEndpoint;
import org.aftersaleshub.connector.yonyou.StockOperation;
import org.apache.camel.spi.annotations.Component;

/** The {@code u8:} Camel component (found through {@code META-INF/services/org/apache/camel/component/u8}). */
@Component("u8")
public class U8Component extends ConnectorComponent {

    @Override
    protected ConnectorEndpoint newEndpoint(String uri, StockOperation operation) {
        return new U8Endpoint(uri, this, operation);
    }
}
