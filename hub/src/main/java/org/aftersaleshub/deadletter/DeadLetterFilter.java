package org.aftersaleshub.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
public record DeadLetterFilter(@Pattern(regexp = "OPEN|REPLAYED") String status, @Size(max = 128) String routeId,
                               @Size(max = 256) String target, @Size(max = 64) String eventType,
                               @Size(max = 36) String ticketId, Instant from, Instant to) {
}
