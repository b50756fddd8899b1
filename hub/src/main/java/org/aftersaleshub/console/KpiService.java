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
 * Computes {@link Kpis} with SQL over the ticket store (ticket, status_history, delivery_journal, dead_letter,
 * part_usage): nothing is counted in the browser, and the API and the dashboard get the same figures. A
 * supervisor's figures cover their tickets only.
 */
@Service
public class KpiService {

    /** Longest period one request covers. */
    static final int MAX_DAYS = 366;

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final ZoneId zone;

    public KpiService(JdbcTemplate jdbc, Database database, ConsoleProperties properties) {
        this.jdbc = jdbc;
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

        Kpis.Durations firstResponse = durations("ACCEPTED", tickets, a);
        Kpis.Durations resolution = durations("RESOLVED", tickets, a);
        Kpis.FirstFix firstFix = jdbc.queryForObject("select count(*), coalesce(sum(case when x.arrivals = 1 then 1"
                        + " else 0 end), 0) from (select (select count(*) from status_history s where s.ticket_id = t.id"
                        + " and s.to_status = 'IN_PROGRESS') as arrivals" + tickets
                        + " and exists (select 1 from status_history r where r.ticket_id = t.id"
                        + " and r.to_status = 'RESOLVED')) x",
                (rs, i) -> new Kpis.FirstFix(rs.getLong(1), rs.getLong(2),
                        rs.getLong(1) == 0 ? null : (double) rs.getLong(2) / rs.getLong(1)), a);

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

        List<Kpis.Load> load = jdbc.query("select t.assignee_id, count(*) from ticket t where t.assignee_id is not null"
                        + " and t.status in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_PARTS')" + openFilter
                        + " group by t.assignee_id order by 2 desc, 1 limit 10",
                (rs, i) -> new Kpis.Load(rs.getString(1), rs.getLong(2)), openArgs.toArray());

        List<Object> partArgs = new ArrayList<>(List.of(start, end));
        String partScope = ticketFilter("u.ticket_id", region, me, partArgs);
        List<Kpis.PartUse> parts = jdbc.query("select u.part_sku, sum(u.quantity) from part_usage u"
                        + " where u.recorded_at >= ? and u.recorded_at < ?" + partScope
                        + " group by u.part_sku order by 2 desc, 1 limit 10",
                (rs, i) -> new Kpis.PartUse(rs.getString(1), rs.getDouble(2)), partArgs.toArray());

        return new Kpis(from, to, region, created == null ? 0 : created, perDay, backlog, firstResponse, resolution,
                firstFix, failures, openDead == null ? 0 : openDead, load, parts);
    }

    /** p50 / p90 of the seconds from creation to the first time a ticket reached {@code status}. */
    private Kpis.Durations durations(String status, String tickets, Object[] a) {
        String seconds = postgres ? "extract(epoch from (h.reached - t.created_at))"
                : "datediff('MILLISECOND', t.created_at, h.reached) / 1000.0";
        String join = tickets.replace(" from ticket t where", " from ticket t join (select ticket_id,"
                + " min(changed_at) as reached from status_history where to_status = '" + status + "'"
                + " group by ticket_id) h on h.ticket_id = t.id where");
        return jdbc.queryForObject("select count(*), percentile_cont(0.5) within group (order by x.secs),"
                        + " percentile_cont(0.9) within group (order by x.secs) from (select " + seconds + " as secs"
                        + join + ") x",
                (rs, i) -> new Kpis.Durations(rs.getLong(1), nullable(rs.getObject(2)), nullable(rs.getObject(3))), a);
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
