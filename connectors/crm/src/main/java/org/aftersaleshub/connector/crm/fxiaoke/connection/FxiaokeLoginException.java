package org.aftersaleshub.connector.crm.fxiaoke.connection;

import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * The token endpoint refused this instance's settings for good: a wrong host, or credentials it does not accept. The
 * keys to check are named so the connectivity check can attach the problem to them; the message holds no secret.
 */
public final class FxiaokeLoginException extends ConnectorException {

    private final List<String> configKeys;
    private final String reason;

    public FxiaokeLoginException(List<String> configKeys, String reason) {
        super("fxiaoke", Outcome.NOT_RETRYABLE, reason);
        this.configKeys = List.copyOf(configKeys);
        this.reason = reason;
    }

    /** The keys that most likely cause the refusal (10006 does not say which credential it disliked). */
    public List<String> configKeys() {
        return configKeys;
    }

    public String reason() {
        return reason;
    }
}
