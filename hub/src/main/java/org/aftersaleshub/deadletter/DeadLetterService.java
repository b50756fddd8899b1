package org.aftersaleshub.deadletter;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.messaging.MessageHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists and replays dead letters. A replay puts the original event back on the route's own queue with the same
 * event id and idempotency key, addressed to the one target that failed, and writes an audit entry naming who
 * replayed it. The broker duplicate id of a replay is distinct ({@code <event id>:replay:<dead letter id>:<n>}),
 * or the broker would drop it as the event it already saw.
 */
@Service
public class DeadLetterService {

    /** One page of dead letters. */
    public record Page(List<DeadLetter> items, int page, int size, long total) {
    }

    private static final String COLUMNS = "id, event_id, ticket_id, event_type, route_id, source_queue, target,"
            + " idempotency_key, payload, error, attempts, status, created_at, replay_count, last_replayed_at,"
            + " last_replayed_by";

    private final JdbcTemplate jdbc;
    private final JmsTemplate jms;
    private final AuditLog audit;

    public DeadLetterService(JdbcTemplate jdbc, ConnectionFactory connectionFactory, AuditLog audit) {
        this.jdbc = jdbc;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        // the route queues are multicast queues on the events address: a topic with the fully qualified queue
        // name reaches exactly that one queue
        this.jms.setPubSubDomain(true);
        this.audit = audit;
    }

    public Page list(DeadLetterFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("select count(*) from dead_letter" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<DeadLetter> items = jdbc.query("select " + COLUMNS + " from dead_letter" + where
                + " order by id limit ? offset ?", DeadLetterService::row, args.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public Optional<DeadLetter> get(long id) {
        return jdbc.query("select " + COLUMNS + " from dead_letter where id = ?", DeadLetterService::row, id).stream()
                .findFirst();
    }

    /**
     * Replays one dead letter.
     *
     * @param actor who asked (the API key's name), for the audit log
     * @return the dead letter after the replay, or empty if there is none with that id
     */
    @Transactional
    public Optional<DeadLetter> replay(long id, String actor) {
        Optional<DeadLetter> found = jdbc.query("select " + COLUMNS + " from dead_letter where id = ? for update",
                DeadLetterService::row, id).stream().findFirst();
        if (found.isEmpty()) {
            return found;
        }
        DeadLetter d = found.get();
        int n = d.replayCount() + 1;
        Instant now = Instant.now();
        // sent before the row is marked: a crash in between replays again later, which the same key makes harmless
        jms.send(d.sourceQueue(), session -> {
            TextMessage m = session.createTextMessage(d.payload());
            setIfPresent(m, MessageHeaders.EVENT_ID, d.eventId());
            setIfPresent(m, MessageHeaders.TICKET_ID, d.ticketId());
            setIfPresent(m, MessageHeaders.EVENT_TYPE, d.eventType());
            setIfPresent(m, MessageHeaders.TARGET, d.target());
            setIfPresent(m, MessageHeaders.JMS_GROUP_ID, d.ticketId());
            m.setStringProperty(MessageHeaders.REPLAY_OF, Long.toString(d.id()));
            m.setStringProperty(MessageHeaders.ARTEMIS_DUPLICATE_ID, d.eventId() + ":replay:" + d.id() + ":" + n);
            return m;
        });
        jdbc.update("update dead_letter set status = ?, replay_count = ?, last_replayed_at = ?, last_replayed_by = ?"
                + " where id = ?", DeadLetter.REPLAYED, n, Timestamp.from(now), actor, id);
        audit.record(actor, "dead-letter.replay", "dead-letter/" + id,
                "route=" + d.routeId() + " target=" + d.target() + " event=" + d.eventId() + " key="
                        + d.idempotencyKey() + " replay#" + n);
        return get(id);
    }

    /** Replays every dead letter the filter matches (OPEN ones when no status is given), oldest first. */
    public List<Long> replayMatching(DeadLetterFilter filter, String actor, int limit) {
        DeadLetterFilter effective = filter.status() == null ? new DeadLetterFilter(DeadLetter.OPEN, filter.routeId(),
                filter.target(), filter.eventType(), filter.ticketId(), filter.from(), filter.to()) : filter;
        List<Object> args = new ArrayList<>();
        String where = where(effective, args);
        args.add(limit);
        List<Long> ids = jdbc.queryForList("select id from dead_letter" + where + " order by id limit ?", Long.class,
                args.toArray());
        List<Long> replayed = new ArrayList<>();
        for (Long id : ids) {
            replay(id, actor).ifPresent(d -> replayed.add(d.id()));
        }
        audit.record(actor, "dead-letter.bulk-replay", "dead-letters", "filter=" + effective + " replayed="
                + replayed.size());
        return replayed;
    }

    private static void setIfPresent(TextMessage m, String name, String value) throws JMSException {
        if (value != null) {
            m.setStringProperty(name, value);
        }
    }

    private static String where(DeadLetterFilter f, List<Object> args) {
        StringBuilder w = new StringBuilder();
        add(w, args, "status", f.status());
        add(w, args, "route_id", f.routeId());
        add(w, args, "target", f.target());
        add(w, args, "event_type", f.eventType());
        add(w, args, "ticket_id", f.ticketId());
        if (f.from() != null) {
            w.append(w.isEmpty() ? " where " : " and ").append("created_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            w.append(w.isEmpty() ? " where " : " and ").append("created_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        return w.toString();
    }

    private static void add(StringBuilder w, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            w.append(w.isEmpty() ? " where " : " and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static DeadLetter row(ResultSet rs, int i) throws SQLException {
        Timestamp replayed = rs.getTimestamp(15);
        return new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11),
                rs.getString(12), rs.getTimestamp(13).toInstant(), rs.getInt(14),
                replayed == null ? null : replayed.toInstant(), rs.getString(16));
    }
}
