package org.aftersaleshub.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of a ticket's timeline.
 *
 * @param kind    {@code STATUS} (a status change or assignment) or {@code DELIVERY} (one attempt at an external effect)
 * @param summary one human-readable line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(Instant at, String kind, String summary, String eventId, String fromStatus,
                            String toStatus, String actor, String routeId, String target, String idempotencyKey,
                            Integer attempt, String outcome, Integer httpStatus, Long latencyMs, String detail) {
}
