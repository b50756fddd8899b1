package org.aftersaleshub.connector.yonyou.u8;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * {@code u8:<instance>?operation=deduct|return|stock|part-known|warehouse-known} (found through
 * {@code META-INF/services/org/apache/camel/component/u8}); options are the {@code u8.*} keys in camelCase.
 */
public class U8Component extends HubConnectorComponent {

    public U8Component() {
        super(U8Connector::new);
    }
}
