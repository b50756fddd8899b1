package org.aftersaleshub.connector.kingdee.connection;

import org.aftersaleshub.connector.http.Outcome;

/**
 * Getting a session failed. {@link #configKey()} names the setting most likely at fault, so the connectivity stage
 * of validation can attach the problem to it. Messages are masked.
 */
public final class KingdeeLoginException extends RuntimeException {

    private final Outcome outcome;
    private final String configKey;

    public KingdeeLoginException(Outcome outcome, String configKey, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.configKey = configKey;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String configKey() {
        return configKey;
    }
}
