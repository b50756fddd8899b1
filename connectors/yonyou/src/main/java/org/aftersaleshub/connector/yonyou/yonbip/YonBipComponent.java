package org.aftersaleshub.connector.yonyou.yonbip;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * {@code yonbip:<instance>?operation=deduct|return|stock|part-known|warehouse-known} (found through
 * {@code META-INF/services/org/apache/camel/component/yonbip}); options are the {@code yonbip.*} keys in
 * camelCase.
 */
public class YonBipComponent extends HubConnectorComponent {

    public YonBipComponent() {
        super(YonBipConnector::new);
    }
}
