package org.aftersaleshub.console;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The KPI figures (关键指标) of a period, as {@code GET /api/v1/kpis} serves them and the dashboard draws them.
 *
 * @param from            first day (inclusive) of the period, in the console's time zone
 * @param to              last day (inclusive)
 * @param region          the region they are limited to, or null for all
 * @param ticketsCreated  tickets created in the period
 * @param ticketsPerDay   tickets created per day and channel
 * @param backlog         open tickets now by status and region (not limited to the period)
 * @param firstResponse   首次响应时长: created → first ACCEPTED, of tickets created in the period
 * @param resolution      解决时长: created → first RESOLVED, of tickets created in the period
 * @param firstFix        一次修复率: of the tickets created in the period and resolved, those resolved on the first
 *                        visit: one arrival (到场: IN_PROGRESS entered from ACCEPTED or WAITING_PARTS, so a
 *                        WAITING_PARTS round trip is a second visit) and never reopened (RESOLVED → IN_PROGRESS)
 * @param failuresPerDay  failed delivery attempts per day and outcome (FAILED, DEAD_LETTER)
 * @param openDeadLetters dead letters waiting for a replay now
 * @param engineerLoad    engineers by open tickets assigned, most first (top 10)
 * @param topParts        parts used most in the period (top 10, by quantity)
 * @param sla             SLA 达成率: of the tickets created in the period, those that met their response and
 *                        resolution deadlines (ticket.response_due_at / resolution_due_at)
 * @param satisfaction    满意度趋势: survey answers that came in during the period, per day (per week for periods
 *                        over 62 days)
 */
@Schema(description = "KPI figures of a period (关键指标)")
public record Kpis(LocalDate from, LocalDate to, String region, long ticketsCreated, List<DayCount> ticketsPerDay,
                   List<Backlog> backlog, Durations firstResponse, Durations resolution, FirstFix firstFix,
                   List<DayCount> failuresPerDay, long openDeadLetters, List<Load> engineerLoad,
                   List<PartUse> topParts, SlaCompliance sla, Satisfaction satisfaction) {

    /** @param key the channel (tickets) or the outcome (failures) */
    public record DayCount(LocalDate day, String key, long count) {
    }

    public record Backlog(String status, String region, long count) {
    }

    /** @param p50Seconds median; null when count is 0 */
    public record Durations(long count, Double p50Seconds, Double p90Seconds) {
    }

    /** @param rate firstTime / resolved, null when nothing was resolved */
    public record FirstFix(long resolved, long firstTime, Double rate) {
    }

    /** @param name from the staff directory, null when the assignee is not in it */
    public record Load(String assigneeId, String name, long openTickets) {
    }

    public record PartUse(String sku, double quantity) {
    }

    public record SlaCompliance(SlaTarget response, SlaTarget resolution) {
    }

    /**
     * One deadline (响应 or 解决) over the period's tickets.
     *
     * @param withDeadline    tickets that have this deadline (for the resolution: or had it before a pause)
     * @param withoutDeadline tickets without it (no SLA policy and no client deadline); not in the rate
     * @param met             reached at or before the deadline
     * @param breached        reached after it, or not reached and past it (not counting cancelled tickets)
     * @param pending         not judged yet: not reached and not past, paused, or cancelled before reaching it
     * @param rate            met / (met + breached); null when nothing was judged
     */
    public record SlaTarget(long withDeadline, long withoutDeadline, long met, long breached, long pending,
                            Double rate) {
    }

    /**
     * @param lowScore  the low-score threshold ({@code hub.survey.low-score}): a score at or below it is low
     * @param bucket    DAY or WEEK (weeks start on Monday)
     * @param average   average score of the period; null without answers
     * @param lowShare  low / answers; null without answers
     */
    public record Satisfaction(int lowScore, String bucket, long answers, Double average, long low, Double lowShare,
                               List<SatisfactionPoint> trend) {
    }

    /** @param start the day, or the Monday of the week */
    public record SatisfactionPoint(LocalDate start, long answers, Double average, long low, Double lowShare) {
    }
}
