package org.aftersaleshub.connector.wecom;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * {@code wecom:<instance>?operation=app-message}: the kit's one component design over {@link WeComConnector}; endpoint
 * options other than {@code operation} are the {@code wecom.*} keys in camelCase.
 */
public class WeComComponent extends HubConnectorComponent {

    public WeComComponent() {
        super(WeComConnector::new);
    }
}
