package org.aftersaleshub.connector.wecom.connection;

import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * gettoken refused the corp id or the secret for good (docs/vendor-apis/wecom.md §2.4): no retry helps until the
 * configuration changes. Names the key to blame, for the connectivity check.
 */
public final class WeComLoginException extends ConnectorException {

    private final String configKey;
    private final String reason;

    WeComLoginException(String configKey, String reason) {
        super("wecom", Outcome.NOT_RETRYABLE, "gettoken: " + reason);
        this.configKey = configKey;
        this.reason = reason;
    }

    /** The key most likely wrong ({@code wecom.corp-id}, {@code wecom.app-secret}, {@code wecom.base-url}). */
    public String configKey() {
        return configKey;
    }

    /** The hint for that key (masked, names the key). */
    public String reason() {
        return reason;
    }
}
