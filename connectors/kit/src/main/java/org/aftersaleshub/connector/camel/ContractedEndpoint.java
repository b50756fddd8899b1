package org.aftersaleshub.connector.camel;

import org.apache.camel.Exchange;

/**
 * An endpoint that tells the hub's delivery contract whom a message goes to and under which idempotency key, before
 * the call: the journal row of every attempt and the dead letter carry both, and a replay reuses the key.
 */
public interface ContractedEndpoint {

    /** The target as journaled: the connector instance name. */
    String deliveryTarget();

    /** The operation, as journaled ({@code deduct}). */
    String operationName();

    /**
     * The stable key of the effect this exchange asks for (the part-usage id for a deduction), or null for a read.
     *
     * @throws org.aftersaleshub.connector.ConnectorException (not retryable) when the body is not what the
     *         operation takes
     */
    String idempotencyKey(Exchange exchange);
}
