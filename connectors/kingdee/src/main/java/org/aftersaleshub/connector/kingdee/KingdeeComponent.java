package org.aftersaleshub.connector.kingdee;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * The Camel component {@code kingdee:<instance>?operation=deduct|return|stock|part-known|warehouse-known}: the
 * kit's one component design over {@link KingdeeConnector}; endpoint options are the {@code kingdee.*} keys in
 * camelCase.
 */
public class KingdeeComponent extends HubConnectorComponent {

    public KingdeeComponent() {
        super(KingdeeConnector::new);
    }
}
