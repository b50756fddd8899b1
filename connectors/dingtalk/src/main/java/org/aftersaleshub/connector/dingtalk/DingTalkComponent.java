package org.aftersaleshub.connector.dingtalk;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * The Camel component {@code dingtalk:<instance>?operation=work-notice}: the kit's one component design over
 * {@link DingTalkConnector}; endpoint options are the {@code dingtalk.*} keys in camelCase.
 */
public class DingTalkComponent extends HubConnectorComponent {

    public DingTalkComponent() {
        super(DingTalkConnector::new);
    }
}
