package org.aftersaleshub.connector.yonyou.yonbip;

import org.aftersaleshub.connector.yonyou.ConnectorComponent;
import org.aftersaleshub.connector.yonyou.ConnectorEndpoint;
import org.aftersaleshub.connector.yonyou.StockOperation;
import org.apache.camel.spi.annotations.Component;

/** The {@code yonbip:} Camel component (found through {@code META-INF/services/org/apache/camel/component/yonbip}). */
@Component("yonbip")
public class YonBipComponent extends ConnectorComponent {

    @Override
    protected ConnectorEndpoint newEndpoint(String uri, StockOperation operation) {
        return new YonBipEndpoint(uri, this, operation);
    }
}
