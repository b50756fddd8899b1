package org.aftersaleshub.ticket;

import java.time.Instant;
import org.aftersaleshub.model.Ticket;

/**
 * Computes a ticket's SLA deadlines (and other timers: the survey) whenever it changes (creation, status, assignment, priority), inside the
 * change's transaction with the ticket row locked; the SLA package implements it and keeps the ticket's timers in
 * step in the same transaction.
 */
public interface TicketDeadlines {

    /**
     * @param before the ticket before the change, null on creation (the ticket is then already stored, carrying the
     *               deadlines the client sent)
     * @param after  the ticket as it will be stored
     * @param now    the hub's clock
     * @return {@code after} with its response and resolution deadlines
     */
    Ticket apply(Ticket before, Ticket after, Instant now);
}
