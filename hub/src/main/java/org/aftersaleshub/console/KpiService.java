package org.aftersaleshub.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.support.Database;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes {@link Kpis} with SQL over the ticket store (ticket, its KPI fact rows ticket_kpi, delivery_journal,
 * dead_letter, part_usage; SLA compliance and satisfaction through {@link QualityFigures}): nothing is counted in the
 * browser, and the API and the dashboard get the same figures. A supervisor's figures cover their tickets only.
 */
@Service
public class KpiService {

    /** Longest period one request covers. */
    static final int MAX_DAYS = 366;

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final ZoneId zone;
    private final QualityFigures quality;

    public KpiService(JdbcTemplate jdbc, Database database, ConsoleProperties properties, QualityFigures quality) {
        this.jdbc = jdbc;
        this.quality = quality;
        this.postgres = database.isPostgres();
        this.zone = properties.timeZone();
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * @param me null for an API key (everything); a person's scope otherwise
     */
    public Kpis compute(LocalDate from, LocalDate to, String region, ConsolePrincipal me) {
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        List<Object> args = new ArrayList<>(List.of(start, end));
        String tickets = " from ticket t where t.created_at >= ? and t.created_at < ?" + filter(region, me, args);
        Object[] a = args.toArray();

        Long created = jdbc.queryForObject("select count(*)" + tickets, Long.class, a);
        List<Kpis.DayCount> perDay = jdbc.query("select cast(t.created_at as date), t.channel, count(*)" + tickets
                        + " group by cast(t.created_at as date), t.channel order by 1, 2",
                (rs, i) -> new Kpis.DayCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3)), a);

        List<Object> openArgs = new ArrayList<>();
        String openFilter = filter(region, me, openArgs);
        List<Kpis.Backlog> backlog = jdbc.query("select t.status, t.region, count(*) from ticket t"
                        + " where t.status not in ('RESOLVED', 'CLOSED', 'CANCELLED')" + openFilter
                        + " group by t.status, t.region order by 1, 2",
                (rs, i) -> new Kpis.Backlog(rs.getString(1), rs.getString(2), rs.getLong(3)), openArgs.toArray());

        List<Object> factScopeArgs = new ArrayList<>();
        String factScope = "";
        if (region != null) {
            factScope += " and k.region = ?";
            factScopeArgs.add(region);
        }
        if (me != null) {
            factScope += ConsoleScope.condition(me, "k.ticket_id", factScopeArgs);
        }
        List<Object> factArgs = new ArrayList<>(List.of(start, end));
        factArgs.addAll(factScopeArgs);
        String facts = " from ticket_kpi k where k.created_at >= ? and k.created_at < ?" + factScope;
        Visits v = visits(facts, factArgs.toArray());
        Kpis.Durations firstResponse = v.firstResponse();
        Kpis.Durations resolution = v.resolution();
        Kpis.FirstFix firstFix = v.firstFix();

        List<Object> failArgs = new ArrayList<>(List.of(start, end));
        String failScope = ticketFilter("j.ticket_id", region, me, failArgs);
        List<Kpis.DayCount> failures = jdbc.query("select cast(j.occurred_at as date), j.outcome, count(*)"
                        + " from delivery_journal j where j.occurred_at >= ? and j.occurred_at < ?"
                        + " and j.outcome in ('FAILED', 'DEAD_LETTER')" + failScope
                        + " group by cast(j.occurred_at as date), j.outcome order by 1, 2",
                (rs, i) -> new Kpis.DayCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3)),
                failArgs.toArray());

        List<Object> deadArgs = new ArrayList<>();
        String deadScope = ticketFilter("d.ticket_id", region, me, deadArgs);
        Long openDead = jdbc.queryForObject("select count(*) from dead_letter d where d.status = 'OPEN'" + deadScope,
                Long.class, deadArgs.toArray());

        List<Kpis.Load> load = jdbc.query("select l.assignee_id, (select max(s.name) from staff s where s.id = l.assignee_id),"
                        + " l.open_tickets from (select t.assignee_id, count(*) as open_tickets from ticket t"
                        + " where t.assignee_id is not null"
                        + " and t.status in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_PARTS')" + openFilter
                        + " group by t.assignee_id order by 2 desc, 1 limit 10) l order by 3 desc, 1",
                (rs, i) -> new Kpis.Load(rs.getString(1), rs.getString(2), rs.getLong(3)), openArgs.toArray());

        List<Kpis.PartUse> parts = topParts(start, end, region, me);

        Kpis.SlaCompliance sla = quality.sla(start, end, factScope, factScopeArgs);
        List<Object> surveyArgs = new ArrayList<>();
        String surveyScope = ticketFilter("s.ticket_id", region, me, surveyArgs);
        Kpis.Satisfaction satisfaction = quality.satisfaction(from, to, start, end, surveyScope, surveyArgs);

        return new Kpis(from, to, region, created == null ? 0 : created, perDay, backlog, firstResponse, resolution,
                firstFix, failures, openDead == null ? 0 : openDead, load, parts, sla, satisfaction);
    }

    /**
     * Only the period's top parts (the dashboard's stock fragment and export need nothing else, and the other
     * figures cost a second of queries at a million tickets).
     */
    public List<Kpis.PartUse> topParts(LocalDate from, LocalDate to, String region, ConsolePrincipal me) {
        return topParts(Timestamp.from(startOf(from, zone)), Timestamp.from(startOf(to.plusDays(1), zone)), region,
                me);
    }

    private List<Kpis.PartUse> topParts(Timestamp start, Timestamp end, String region, ConsolePrincipal me) {
        List<Object> partArgs = new ArrayList<>(List.of(start, end));
        String partScope = ticketFilter("u.ticket_id", region, me, partArgs);
        return jdbc.query("select u.part_sku, sum(u.quantity) from part_usage u"
                        + " where u.recorded_at >= ? and u.recorded_at < ?" + partScope
                        + " group by u.part_sku order by 2 desc, 1 limit 10",
                (rs, i) -> new Kpis.PartUse(rs.getString(1), rs.getDouble(2)), partArgs.toArray());
    }

    private record Visits(Kpis.Durations firstResponse, Kpis.Durations resolution, Kpis.FirstFix firstFix) {
    }

    /**
     * One range scan of the period's KPI fact rows (ticket_kpi, V17, written with each status change): p50 / p90 of
     * the durations (percentiles ignore tickets not there yet) and the first-fix count — resolved with one arrival
     * (到场) and never reopened (重新打开). Measured in docs/console-benchmark.md.
     */
    private Visits visits(String facts, Object[] args) {
        String sql = "select count(x.acc), percentile_cont(0.5) within group (order by x.acc),"
                + " percentile_cont(0.9) within group (order by x.acc), count(x.res),"
                + " percentile_cont(0.5) within group (order by x.res), percentile_cont(0.9) within group (order by x.res),"
                + " coalesce(sum(case when x.res is not null and x.arrivals = 1 and not x.reopened then 1 else 0 end), 0)"
                + " from (select " + seconds("k.accepted_at") + " as acc, " + seconds("k.resolved_at") + " as res,"
                + " k.arrivals, k.reopened" + facts + ") x";
        return jdbc.queryForObject(sql, (rs, i) -> {
            long resolved = rs.getLong(4);
            long firstTime = rs.getLong(7);
            return new Visits(new Kpis.Durations(rs.getLong(1), nullable(rs.getObject(2)), nullable(rs.getObject(3))),
                    new Kpis.Durations(resolved, nullable(rs.getObject(5)), nullable(rs.getObject(6))),
                    new Kpis.FirstFix(resolved, firstTime, resolved == 0 ? null : (double) firstTime / resolved));
        }, args);
    }

    /** Seconds from the ticket's creation (fact row {@code k}) to {@code reached}; null when not reached. */
    private String seconds(String reached) {
        return postgres ? "extract(epoch from (" + reached + " - k.created_at))"
                : "datediff('MILLISECOND', k.created_at, " + reached + ") / 1000.0";
    }

    private static Double nullable(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue() * 10) / 10.0;
    }

    /** Region and person scope over ticket alias {@code t}. */
    private static String filter(String region, ConsolePrincipal me, List<Object> args) {
        String c = "";
        if (region != null) {
            c += " and t.region = ?";
            args.add(region);
        }
        return me == null ? c : c + ConsoleScope.condition(me, "t.id", args);
    }

    /** The same for rows that refer to a ticket by id. */
    private static String ticketFilter(String ticketId, String region, ConsolePrincipal me, List<Object> args) {
        String c = "";
        if (region != null) {
            c += " and " + ticketId + " in (select r_t.id from ticket r_t where r_t.region = ?)";
            args.add(region);
        }
        return me == null ? c : c + ConsoleScope.condition(me, ticketId, args);
    }

    static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
