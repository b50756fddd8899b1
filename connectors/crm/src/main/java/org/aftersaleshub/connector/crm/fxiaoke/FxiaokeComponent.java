package org.aftersaleshub.connector.crm.fxiaoke;

import org.aftersaleshub.connector.camel.HubConnectorComponent;

/**
 * {@code fxiaoke:<instance>?operation=upsert|find|create-record|changed-since}: the kit's one component design over
 * {@link FxiaokeConnector}; endpoint options other than {@code operation} are the {@code fxiaoke.*} keys in camelCase.
 */
public class FxiaokeComponent extends HubConnectorComponent {

    public FxiaokeComponent() {
        super(FxiaokeConnector::new);
    }
}
