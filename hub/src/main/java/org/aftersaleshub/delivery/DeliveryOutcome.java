package org.aftersaleshub.delivery;

/** Outcome of one attempt at an external effect. */
public enum DeliveryOutcome {
    /** The target confirmed the effect. */
    SUCCESS,
    /** The target answered for good that it will not do it (e.g. the ERP: not enough stock); not retried. */
    REFUSED,
    /** This attempt failed; another follows. */
    FAILED,
    /** The last attempt failed; the message is in the dead-letter store. */
    DEAD_LETTER,
    /** Nothing was sent: a send budget had no permit, and the message waits for it (not an attempt; not final). */
    WAITING
}
