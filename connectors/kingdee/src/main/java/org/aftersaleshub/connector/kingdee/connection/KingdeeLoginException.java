package org.aftersaleshub.connector.kingdee.connection;

import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * Getting a session failed. {@link #configKey()} names the setting most likely at fault, so the connectivity stage
 * of validation can attach the problem to it. A {@link ConnectorException}, so the kit's call loop passes its
 * outcome on as it is (a rejected secret is not retried; an unreachable server is). Messages are masked.
 */
public final class KingdeeLoginException extends ConnectorException {

    private final String configKey;
    private final String reason;

    public KingdeeLoginException(Outcome outcome, String configKey, String message) {
        super("kingdee", outcome, message);
        this.configKey = configKey;
        this.reason = message;
    }

    public String configKey() {
        return configKey;
    }

    /** The message without the {@code kingdee: } prefix, for a config problem's hint. */
    public String reason() {
        return reason;
    }
}
