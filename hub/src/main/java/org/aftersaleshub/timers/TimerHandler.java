package org.aftersaleshub.timers;

import java.time.Instant;

/**
 * What a timer of one kind does when it is due. Called inside the transaction that marks the timer FIRED: what the
 * handler writes (events in the outbox, a label, a priority) commits with that state change or not at all.
 */
public interface TimerHandler {

    /** The {@code due_timer.kind} this handler takes. */
    String kind();

    /**
     * Locks the subject (e.g. the ticket row) before the timer row is claimed: the same order as the subject's own
     * changes, which lock the subject and then change its timers, so the two never wait for each other in a circle.
     */
    void lockSubject(String subject);

    /**
     * Handles a due timer.
     *
     * @param timer the timer
     * @param now   the hub's clock now
     * @param late  true when {@code now} is more than {@code hub.timers.late-after} past the due time (the hub was
     *              down or behind): say so in what is sent
     */
    void fire(DueTimer timer, Instant now, boolean late);
}
