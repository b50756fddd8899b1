package org.aftersaleshub.sla;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A ticket's SLA as the API shows it.
 *
 * @param policy          the policy of rules/sla.yaml that applies, or null
 * @param responseDueAt   the response deadline (as on the ticket)
 * @param resolutionDueAt the resolution deadline; null while paused
 * @param paused          true while the resolution time is stopped (WAITING_PARTS, when the policy says so)
 * @param pausedSeconds   working time spent paused so far, added to the resolution deadline
 * @param labels          the ticket's labels
 * @param timers          its timers: key, due time, state (PENDING, FIRED, CANCELLED, FAILED), fired time, late
 */
@Schema(description = "A ticket's SLA (服务时限): policy, deadlines, pause, labels and timers.")
public record SlaView(String ticketId, String policy, Instant responseDueAt, Instant resolutionDueAt, boolean paused,
                      long pausedSeconds, List<String> labels, List<Timer> timers) {

    /** One timer of the ticket. */
    public record Timer(String key, Instant dueAt, String state, Instant firedAt, Boolean late) {
    }
}
