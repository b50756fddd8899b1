package org.aftersaleshub.delivery;

/** Outcome of one attempt at an external effect. */
public enum DeliveryOutcome {
    /** The target confirmed the effect. */
    SUCCESS,
    /** This attempt failed; another follows. */
    FAILED,
    /** The last attempt failed; the message is in the dead-letter store. */
    DEAD_LETTER
}
