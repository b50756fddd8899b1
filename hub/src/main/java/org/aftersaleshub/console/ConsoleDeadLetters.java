package org.aftersaleshub.console;

import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Dead letters as a person sees them: filtered, limited to a supervisor's tickets, replayed through
 * {@link DeadLetterService} (which audits each replay under the person's name).
 */
@Component
class ConsoleDeadLetters {

    /** Most dead letters one bulk replay sends. */
    static final int BULK_LIMIT = 1000;

    record Page(List<DeadLetter> items, int page, int size, long total) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private final JdbcTemplate jdbc;
    private final DeadLetterService deadLetters;
    private final AuditLog audit;
    private final ConsoleStreams streams;

    ConsoleDeadLetters(JdbcTemplate jdbc, DeadLetterService deadLetters, AuditLog audit, ConsoleStreams streams) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    Page list(DeadLetterSearch s, ConsolePrincipal me, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(s, me, args);
        Long total = jdbc.queryForObject("select count(*) from dead_letter d" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Long> ids = jdbc.queryForList("select d.id from dead_letter d" + where
                + " order by d.id desc limit ? offset ?", Long.class, args.toArray());
        List<DeadLetter> items = ids.stream().map(deadLetters::get).flatMap(java.util.Optional::stream).toList();
        return new Page(items, page, size, total == null ? 0 : total);
    }

    /** One dead letter in an export: what the list shows, without the message itself. */
    record ExportRow(long id, java.time.Instant createdAt, String status, String routeId, String target,
                     String eventType, String ticketId, int attempts, int replayCount, String error) {
    }

    long count(DeadLetterSearch s, ConsolePrincipal me) {
        List<Object> args = new ArrayList<>();
        Long total = jdbc.queryForObject("select count(*) from dead_letter d" + where(s, me, args), Long.class,
                args.toArray());
        return total == null ? 0 : total;
    }

    /** The dead letters the filters find, newest first, at most {@code limit}, one at a time (exports). */
    void forEach(DeadLetterSearch s, ConsolePrincipal me, int limit, ConsoleStreams.Each<ExportRow> each) {
        List<Object> args = new ArrayList<>();
        String where = where(s, me, args);
        args.add(limit);
        streams.each("select d.id, d.created_at, d.status, d.route_id, d.target, d.event_type, d.ticket_id, d.attempts,"
                + " d.replay_count, d.error from dead_letter d" + where + " order by d.id desc limit ?", args,
                (rs, i) -> new ExportRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getInt(9), rs.getString(10)), each);
    }

    /** How many OPEN dead letters a bulk replay with these filters would send (at most {@link #BULK_LIMIT}). */
    long countReplayable(DeadLetterSearch s, ConsolePrincipal me) {
        List<Object> args = new ArrayList<>();
        String where = where(s.open(), me, args);
        Long n = jdbc.queryForObject("select count(*) from dead_letter d" + where, Long.class, args.toArray());
        return Math.min(n == null ? 0 : n, BULK_LIMIT);
    }

    /** @return the dead letter after replay; empty when it is not there or not in the person's scope */
    java.util.Optional<DeadLetter> replay(long id, ConsolePrincipal me) {
        List<Object> args = new ArrayList<>();
        args.add(id);
        String scope = ConsoleScope.condition(me, "d.ticket_id", args);
        if (me.role() == ConsoleRole.SUPERVISOR) {
            scope += " and d.ticket_id is not null";
        }
        List<Long> visible = jdbc.queryForList("select d.id from dead_letter d where d.id = ?" + scope, Long.class,
                args.toArray());
        return visible.isEmpty() ? java.util.Optional.empty() : deadLetters.replay(id, me.actor());
    }

    /** Replays the OPEN dead letters the filters match in the person's scope, oldest first. */
    int replayMatching(DeadLetterSearch s, ConsolePrincipal me) {
        List<Object> args = new ArrayList<>();
        String where = where(s.open(), me, args);
        args.add(BULK_LIMIT);
        List<Long> ids = jdbc.queryForList("select d.id from dead_letter d" + where + " order by d.id limit ?",
                Long.class, args.toArray());
        int replayed = 0;
        for (Long id : ids) {
            if (deadLetters.replay(id, me.actor()).isPresent()) {
                replayed++;
            }
        }
        audit.record(me.actor(), "dead-letter.bulk-replay", "dead-letters", "filter=" + s + " replayed=" + replayed);
        return replayed;
    }

    private static String where(DeadLetterSearch s, ConsolePrincipal me, List<Object> args) {
        StringBuilder w = new StringBuilder(" where 1 = 1");
        eq(w, args, "d.status", s.status());
        eq(w, args, "d.route_id", s.routeId());
        eq(w, args, "d.target", s.target());
        eq(w, args, "d.event_type", s.eventType());
        eq(w, args, "d.ticket_id", s.ticketId());
        if (me.role() == ConsoleRole.SUPERVISOR) {
            w.append(" and d.ticket_id is not null");
        }
        w.append(ConsoleScope.condition(me, "d.ticket_id", args));
        return w.toString();
    }

    private static void eq(StringBuilder w, List<Object> args, String column, String value) {
        if (value != null) {
            w.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
