package org.aftersaleshub.ticket;

import java.time.Instant;
import org.aftersaleshub.model.TicketStatus;

/**
 * List filters; null means "any". {@code createdFrom} is inclusive, {@code createdTo} exclusive; {@code quality} the
 * SLA-verdict and satisfaction filters (never null).
 */
record TicketFilter(TicketStatus status, String region, String assigneeId, String customerId, Instant createdFrom,
                    Instant createdTo, QualityFilter quality) {
}
