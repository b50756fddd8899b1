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
 */
@Schema(description = "KPI figures of a period (关键指标)")
public record Kpis(LocalDate from, LocalDate to, String region, long ticketsCreated, List<DayCount> ticketsPerDay,
                   List<Backlog> backlog, Durations firstResponse, Durations resolution, FirstFix firstFix,
                   List<DayCount> failuresPerDay, long openDeadLetters, List<Load> engineerLoad,
                   List<PartUse> topParts) {

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
}
