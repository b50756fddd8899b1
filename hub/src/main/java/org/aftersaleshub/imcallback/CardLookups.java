package org.aftersaleshub.imcallback;

import java.util.Optional;
import org.aftersaleshub.model.TicketStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reads a card click needs, in the processing transaction: the ticket, locked so that no other change slips in
 * between the decision and the status change, and the staff records of the clicking member and of the assignee
 * (IM ids from the staff directory: {@code staff.dingtalk_user_id}, {@code staff.wecom_user_id}). It only reads;
 * every change goes through {@code TicketService}.
 */
@Repository
class CardLookups {

    /** The ticket's state as the decision needs it. */
    record TicketState(String id, String number, TicketStatus status, String assigneeId, long version) {
    }

    /** A member of the staff directory. */
    record Person(String id, String name, boolean active) {
    }

    private final JdbcTemplate jdbc;

    CardLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads and locks the ticket row until the transaction ends. */
    Optional<TicketState> lockTicket(String ticketId) {
        return jdbc.query("select id, number, status, assignee_id, version from ticket where id = ? for update",
                (rs, i) -> new TicketState(rs.getString(1), rs.getString(2), TicketStatus.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getLong(5)), ticketId).stream().findFirst();
    }

    /**
     * The active staff member with this platform user id. WeCom answers userids in lower case whatever case they were
     * created in (docs/vendor-apis/wecom.md §3.3), so WeCom ids compare without case.
     */
    Optional<Person> member(CallbackPlatform platform, String userId) {
        String sql = platform == CallbackPlatform.DINGTALK
                ? "select id, name, active from staff where dingtalk_user_id = ?"
                : "select id, name, active from staff where lower(wecom_user_id) = lower(?)";
        return jdbc.query(sql, (rs, i) -> new Person(rs.getString(1), rs.getString(2), rs.getBoolean(3)), userId)
                .stream().filter(Person::active).findFirst();
    }

    /**
     * The ticket an event belongs to: from the status history (kept as long as the ticket), else from the outbox
     * (until its retention ends).
     */
    Optional<String> ticketOfEvent(String eventId) {
        Optional<String> fromHistory = jdbc.queryForList("select ticket_id from status_history where event_id = ?",
                String.class, eventId).stream().findFirst();
        if (fromHistory.isPresent()) {
            return fromHistory;
        }
        return jdbc.queryForList("select ticket_id from outbox where event_id = ? and ticket_id is not null",
                String.class, eventId).stream().findFirst();
    }

    /** The name of a staff id, if it is one. */
    Optional<String> nameOf(String staffId) {
        if (staffId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select name from staff where id = ?", String.class, staffId).stream().findFirst();
    }
}
