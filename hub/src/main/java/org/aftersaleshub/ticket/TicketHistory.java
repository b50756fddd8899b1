package org.aftersaleshub.ticket;

import java.util.List;
import org.springframework.stereotype.Component;

/** A ticket's status history in order, for the timeline (which merges it with deliveries). */
@Component
public class TicketHistory {

    private final TicketRepository tickets;

    TicketHistory(TicketRepository tickets) {
        this.tickets = tickets;
    }

    /** Status changes and assignments of the ticket, oldest first; empty when the ticket does not exist. */
    public List<StatusChange> history(String ticketId) {
        return tickets.history(ticketId);
    }
}
