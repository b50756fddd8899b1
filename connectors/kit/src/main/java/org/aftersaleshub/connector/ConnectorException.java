package org.aftersaleshub.connector;

import org.aftersaleshub.connector.http.Outcome;

/**
 * A connector call that did not reach a final answer. {@link #outcome()} tells the caller what to do:
 * {@link Outcome#RETRYABLE} and {@link Outcome#OUTCOME_UNKNOWN} → deliver again later with the same idempotency key
 * (the connector reconciles before writing again); {@link Outcome#NOT_RETRYABLE} → a configuration or programming
 * error that a retry will not fix. Business refusals (not enough stock) are results, not exceptions.
 *
 * <p>Messages never contain secrets: connectors build them from masked text.
 */
public class ConnectorException extends RuntimeException {

    private final Outcome outcome;
    private final String system;

    public ConnectorException(String system, Outcome outcome, String message) {
        this(system, outcome, message, null);
    }

    public ConnectorException(String system, Outcome outcome, String message, Throwable cause) {
        super(system + ": " + message, cause);
        this.system = system;
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String system() {
        return system;
    }

    /** True when delivering the same request again (same key) can succeed. */
    public boolean isRetryable() {
        return outcome == Outcome.RETRYABLE || outcome == Outcome.OUTCOME_UNKNOWN;
    }
}
