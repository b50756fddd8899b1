package org.aftersaleshub.messaging;

/**
 * Message properties every event carries on the broker. Names avoid dots and dashes so they survive the JMS
 * property-name rules and Camel's header mapping unchanged.
 */
public final class MessageHeaders {

    /** The event id: root of every idempotency key; never changes, also not on replay. */
    public static final String EVENT_ID = "hubEventId";
    public static final String TICKET_ID = "hubTicketId";
    public static final String EVENT_TYPE = "hubEventType";
    /** Per-ticket sequence of the event. */
    public static final String SEQUENCE = "hubSequence";
    /** Set on a dead-letter replay: only this target of the route gets the event again. */
    public static final String TARGET = "hubTarget";
    /** Set on a dead-letter replay: the dead letter's id, for the journal. */
    public static final String REPLAY_OF = "hubReplayOf";

    /** JMS message group: one ticket's events go to one consumer at a time, in order. */
    public static final String JMS_GROUP_ID = "JMSXGroupID";
    /** Artemis duplicate detection: a second message with the same value on the address is dropped. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";

    private MessageHeaders() {
    }
}
