package org.aftersaleshub.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aftersaleshub.survey.SurveyProperties;
import org.aftersaleshub.ticket.SlaVerdicts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service-quality figures of the dashboard: SLA compliance (SLA 达成率) from the KPI fact rows and the ticket's
 * deadlines, and the satisfaction trend (满意度趋势) from the answered surveys. Part of {@link KpiService#compute}, so
 * the API and the page get the same numbers.
 */
@Component
class QualityFigures {

    /** Periods longer than this are drawn per week (Monday to Sunday) instead of per day. */
    static final int DAILY_UP_TO_DAYS = 62;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int lowScore;

    QualityFigures(JdbcTemplate jdbc, Clock clock, SurveyProperties survey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lowScore = survey.lowScore();
    }

    /**
     * One range scan of the period's fact rows, which carry the ticket's current deadlines, its pause and whether it
     * was cancelled (ticket_kpi, V18, written with every change that moves them): an index-only scan on PostgreSQL
     * (docs/console-benchmark.md). A deadline is met when the milestone (first ACCEPTED, first RESOLVED) was reached
     * at or before it; breached when reached after it, or not reached and already past (a cancelled ticket is not
     * judged); pending otherwise — also while the resolution clock is paused (WAITING_PARTS), when the ticket has no
     * resolution deadline for the time being. {@link SlaVerdicts} holds the same conditions for the ticket search.
     *
     * @param scope the fact rows' conditions after {@code where}, on fact row {@code k}; its arguments follow
     */
    Kpis.SlaCompliance sla(Timestamp start, Timestamp end, String scope, List<Object> scopeArgs) {
        Timestamp now = Timestamp.from(clock.instant());
        String sql = "select count(*),"
                + " count(k.response_due_at),"
                + " sum(case when " + SlaVerdicts.condition(SlaVerdicts.Kind.RESPONSE, SlaVerdicts.Verdict.MET)
                + " then 1 else 0 end),"
                + " sum(case when " + SlaVerdicts.condition(SlaVerdicts.Kind.RESPONSE, SlaVerdicts.Verdict.BREACHED)
                + " then 1 else 0 end),"
                + " sum(case when k.resolution_due_at is null and k.resolution_paused then 1 else 0 end),"
                + " count(k.resolution_due_at),"
                + " sum(case when " + SlaVerdicts.condition(SlaVerdicts.Kind.RESOLUTION, SlaVerdicts.Verdict.MET)
                + " then 1 else 0 end),"
                + " sum(case when " + SlaVerdicts.condition(SlaVerdicts.Kind.RESOLUTION, SlaVerdicts.Verdict.BREACHED)
                + " then 1 else 0 end)"
                + " from ticket_kpi k"
                + " where k.created_at >= ? and k.created_at < ?" + scope;
        List<Object> args = new ArrayList<>(List.of(now, now, start, end));
        args.addAll(scopeArgs);
        return jdbc.queryForObject(sql, (rs, i) -> {
            long tickets = rs.getLong(1);
            long paused = rs.getLong(5);
            long resolutionDue = rs.getLong(6) + paused;
            return new Kpis.SlaCompliance(target(tickets, rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                    target(tickets, resolutionDue, rs.getLong(7), rs.getLong(8)));
        }, args.toArray());
    }

    private static Kpis.SlaTarget target(long tickets, long withDeadline, long met, long breached) {
        long judged = met + breached;
        return new Kpis.SlaTarget(withDeadline, tickets - withDeadline, met, breached, withDeadline - judged,
                judged == 0 ? null : round((double) met / judged, 4));
    }

    /**
     * Answers by the day they came in (the database session's days, like the other per-day figures), summed into
     * weeks in Java for long periods — sums and counts add up, so the weekly averages are exact.
     *
     * @param scope conditions on survey row {@code s} (its ticket_id), after {@code where}; arguments follow
     */
    Kpis.Satisfaction satisfaction(LocalDate from, LocalDate to, Timestamp start, Timestamp end, String scope,
            List<Object> scopeArgs) {
        List<Object> args = new ArrayList<>(List.of(lowScore, start, end));
        args.addAll(scopeArgs);
        boolean weekly = ChronoUnit.DAYS.between(from, to) >= DAILY_UP_TO_DAYS;
        Map<LocalDate, long[]> buckets = new TreeMap<>();
        jdbc.query("select cast(s.answered_at as date), count(*), sum(s.score),"
                        + " sum(case when s.score <= ? then 1 else 0 end) from ticket_survey s"
                        + " where s.answered_at >= ? and s.answered_at < ? and s.score is not null" + scope
                        + " group by cast(s.answered_at as date)", rs -> {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    LocalDate key = weekly ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
                    long[] b = buckets.computeIfAbsent(key, d -> new long[3]);
                    b[0] += rs.getLong(2);
                    b[1] += rs.getLong(3);
                    b[2] += rs.getLong(4);
                }, args.toArray());
        long answers = 0;
        long sum = 0;
        long low = 0;
        List<Kpis.SatisfactionPoint> trend = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> e : buckets.entrySet()) {
            long[] b = e.getValue();
            answers += b[0];
            sum += b[1];
            low += b[2];
            trend.add(new Kpis.SatisfactionPoint(e.getKey(), b[0], round((double) b[1] / b[0], 2),
                    b[2], round((double) b[2] / b[0], 4)));
        }
        return new Kpis.Satisfaction(lowScore, weekly ? "WEEK" : "DAY", answers,
                answers == 0 ? null : round((double) sum / answers, 2), low,
                answers == 0 ? null : round((double) low / answers, 4), trend);
    }

    private static Double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
