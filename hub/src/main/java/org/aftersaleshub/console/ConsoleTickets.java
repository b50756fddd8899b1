package org.aftersaleshub.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Ticket reads for the console: search with the person's scope, one ticket in scope. */
@Component
class ConsoleTickets {

    /** One row of the ticket list or the head of a ticket page. */
    record Row(String id, String number, String status, String channel, String customerId, String region,
               String assigneeId, String faultType, String priority, String description, String deviceSerial,
               String deviceModel, Instant createdAt, Instant updatedAt, Instant responseDueAt,
               Instant resolutionDueAt) {
    }

    record Page(List<Row> items, int page, int size, long total) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private static final String COLUMNS = "t.id, t.number, t.status, t.channel, t.customer_id, t.region,"
            + " t.assignee_id, t.fault_type, t.priority, t.description, t.device_serial, t.device_model,"
            + " t.created_at, t.updated_at, t.response_due_at, t.resolution_due_at";

    private final JdbcTemplate jdbc;
    private final ConsoleStreams streams;
    private final Clock clock;

    ConsoleTickets(JdbcTemplate jdbc, ConsoleStreams streams, Clock clock) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.clock = clock;
    }

    Page search(TicketSearch s, ConsolePrincipal me, ZoneId zone, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(s, me, zone, args);
        Long total = jdbc.queryForObject("select count(*) from ticket t" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Row> rows = jdbc.query("select " + COLUMNS + " from ticket t" + where
                + " order by t.created_at desc, t.id desc limit ? offset ?", ConsoleTickets::row, args.toArray());
        return new Page(rows, page, size, total == null ? 0 : total);
    }

    long count(TicketSearch s, ConsolePrincipal me, ZoneId zone) {
        List<Object> args = new ArrayList<>();
        Long total = jdbc.queryForObject("select count(*) from ticket t" + where(s, me, zone, args), Long.class,
                args.toArray());
        return total == null ? 0 : total;
    }

    /** The tickets the search finds, newest first, at most {@code limit}, one at a time (exports). */
    void forEach(TicketSearch s, ConsolePrincipal me, ZoneId zone, int limit, ConsoleStreams.Each<Row> each) {
        List<Object> args = new ArrayList<>();
        String where = where(s, me, zone, args);
        args.add(limit);
        streams.each("select " + COLUMNS + " from ticket t" + where + " order by t.created_at desc, t.id desc limit ?",
                args, ConsoleTickets::row, each);
    }

    private String where(TicketSearch s, ConsolePrincipal me, ZoneId zone, List<Object> args) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        eq(where, args, "t.number", s.number());
        eq(where, args, "t.status", s.status());
        eq(where, args, "t.region", s.region());
        eq(where, args, "t.assignee_id", s.assignee());
        eq(where, args, "t.customer_id", s.customer());
        eq(where, args, "t.channel", s.channel());
        if (s.fromInstant(zone) != null) {
            where.append(" and t.created_at >= ?");
            args.add(Timestamp.from(s.fromInstant(zone)));
        }
        if (s.toInstant(zone) != null) {
            where.append(" and t.created_at < ?");
            args.add(Timestamp.from(s.toInstant(zone)));
        }
        // SLA verdict and survey answer: the dashboard's drill-down, judged at the hub's clock like the figure
        where.append(s.quality(zone).sql("t.id", clock.instant(), args));
        where.append(ConsoleScope.condition(me, "t.id", args));
        return where.toString();
    }

    Optional<Row> get(String id, ConsolePrincipal me) {
        List<Object> args = new ArrayList<>();
        args.add(id);
        String scope = ConsoleScope.condition(me, "t.id", args);
        return jdbc.query("select " + COLUMNS + " from ticket t where t.id = ?" + scope, ConsoleTickets::row,
                args.toArray()).stream().findFirst();
    }

    /** Whether the person may see this ticket (dead letters without a ticket are for admin and viewer only). */
    boolean inScope(String ticketId, ConsolePrincipal me) {
        if (me.role() != ConsoleRole.SUPERVISOR) {
            return true;
        }
        return ticketId != null && get(ticketId, me).isPresent();
    }

    private static void eq(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), instant(rs, 13), instant(rs, 14), instant(rs, 15),
                instant(rs, 16));
    }
}
