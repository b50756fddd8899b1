package org.aftersaleshub.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.delivery.DeliveryJournal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Merges status history and the delivery journal of one ticket into time order. */
@Service
public class TimelineService {

    private final JdbcTemplate jdbc;
    private final DeliveryJournal journal;

    public TimelineService(JdbcTemplate jdbc, DeliveryJournal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
    }

    /** Empty when there is no such ticket. */
    public Optional<List<TimelineEntry>> timeline(String ticketId) {
        Integer exists = jdbc.queryForObject("select count(*) from ticket where id = ?", Integer.class, ticketId);
        if (exists == null || exists == 0) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = new ArrayList<>(jdbc.query("select changed_at, from_status, to_status,"
                + " assignee_id, actor, reason, event_id from status_history where ticket_id = ? order by id",
                (rs, i) -> {
                    String from = rs.getString(2);
                    String to = rs.getString(3);
                    String assignee = rs.getString(4);
                    String summary = (from == null ? "created as " + to : from.equals(to) ? "reassigned" : from + " → " + to)
                            + (assignee == null ? "" : " (assignee " + assignee + ")");
                    return new TimelineEntry(rs.getTimestamp(1).toInstant(), "STATUS", summary, rs.getString(7), from,
                            to, rs.getString(5), null, null, null, null, null, null, null, rs.getString(6));
                }, ticketId));
        for (DeliveryJournal.Attempt a : journal.forTicket(ticketId)) {
            entries.add(new TimelineEntry(a.occurredAt(), "DELIVERY", a.eventType() + " → " + a.target() + ": "
                    + a.outcome() + " (attempt " + a.attempt() + ")", a.eventId(), null, null, null, a.routeId(),
                    a.target(), a.idempotencyKey(), a.attempt(), a.outcome().name(), a.httpStatus(), a.latencyMs(),
                    a.detail()));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return Optional.of(entries);
    }
}
