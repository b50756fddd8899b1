package org.aftersaleshub.delivery;

/**
 * A failure a route step raises before it calls the external endpoint it is about (a return that must wait for its
 * deduction), naming that endpoint's target and idempotency key, so the shared error handler journals each attempt
 * and files the dead letter under them, as if the call had failed. Steps never open delivery attempts themselves.
 */
public interface AttributedFailure {

    /** The target the step was going to call (the connector instance). */
    String deliveryTarget();

    /** The key the call would have carried. */
    String idempotencyKey();
}
