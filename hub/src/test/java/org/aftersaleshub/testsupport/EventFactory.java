package org.aftersaleshub.testsupport;

import java.time.Instant;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.TicketStatusChanged;
import org.aftersaleshub.outbox.OutboxWriter;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes events straight into the outbox, one transaction each, as an accepted change would. */
public final class EventFactory {

    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    public EventFactory(OutboxWriter outbox, TransactionTemplate tx) {
        this.outbox = outbox;
        this.tx = tx;
    }

    /** Event number {@code sequence} of a ticket (a status change; the content does not matter to the spine). */
    public EventEnvelope statusChange(String ticketId, long sequence) {
        return tx.execute(s -> outbox.append(new TicketStatusChanged(ticketId, TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_PARTS, "step " + sequence), sequence, Instant.now()));
    }
}
