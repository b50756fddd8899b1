package org.aftersaleshub.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Which dead letters to list or replay. Every field is optional; set fields combine with AND.
 *
 * @param status    OPEN (default for bulk replay) or REPLAYED
 * @param routeId   the route that gave up, e.g. {@code outbound-webhook}
 * @param target    the target within the route, e.g. a webhook endpoint name
 * @param eventType e.g. {@code TicketCreated}
 * @param ticketId  one ticket
 * @param from      created at or after
 * @param to        created before
 */
@Schema(description = "Filter over dead letters; all fields optional, combined with AND")
public record DeadLetterFilter(String status, String routeId, String target, String eventType, String ticketId,
                               Instant from, Instant to) {
}
