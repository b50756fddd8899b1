package org.aftersaleshub.connector.http;

/**
 * What a call to an external system means for the caller — the one classification every connector shares.
 * Protocol code starts from the transport's view ({@link HttpTransport}) and refines it with the body (an ERP that
 * answers HTTP 200 with an error code).
 */
public enum Outcome {
    /** The system answered and did what was asked. */
    SUCCESS,
    /** It did not happen, and trying again later can succeed (refused connection, 503, 429, session lost). */
    RETRYABLE,
    /** It did not happen and will not by retrying (bad request, rejected credentials, business refusal). */
    NOT_RETRYABLE,
    /**
     * The request was sent and no answer came back (timeout, connection reset, 500/502/504): the system may or may
     * not have committed. A write must be reconciled (query by its idempotency key) before it is sent again.
     */
    OUTCOME_UNKNOWN
}
