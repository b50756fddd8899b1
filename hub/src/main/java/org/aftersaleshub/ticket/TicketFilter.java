package org.aftersaleshub.ticket;

import java.time.Instant;
import org.aftersaleshub.model.TicketStatus;

/** List filters; null means "any". {@code createdFrom} is inclusive, {@code createdTo} exclusive. */
record TicketFilter(TicketStatus status, String region, String assigneeId, String customerId, Instant createdFrom,
                    Instant createdTo) {
}
