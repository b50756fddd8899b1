package org.aftersaleshub.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code ticket_sla} rows, and the customer tier policies match on (master data, V12). */
@Repository
class TicketSlaStore {

    /** A ticket's SLA state; see V15 for the columns. */
    record State(String ticketId, String policyId, Instant clientResponseDue, Instant clientResolutionDue,
                 Instant pausedSince, long pausedSeconds) {
    }

    private final JdbcTemplate jdbc;

    TicketSlaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> find(String ticketId) {
        return jdbc.query("select ticket_id, policy_id, client_response_due, client_resolution_due, paused_since, "
                + "paused_seconds from ticket_sla where ticket_id = ?", TicketSlaStore::map, ticketId).stream()
                .findFirst();
    }

    void save(State s, Instant now) {
        int n = jdbc.update("update ticket_sla set policy_id = ?, client_response_due = ?, client_resolution_due = ?, "
                        + "paused_since = ?, paused_seconds = ?, updated_at = ? where ticket_id = ?", s.policyId(),
                odt(s.clientResponseDue()), odt(s.clientResolutionDue()), odt(s.pausedSince()), s.pausedSeconds(),
                odt(now), s.ticketId());
        if (n == 0) {
            jdbc.update("insert into ticket_sla (ticket_id, policy_id, client_response_due, client_resolution_due, "
                            + "paused_since, paused_seconds, updated_at) values (?, ?, ?, ?, ?, ?, ?)", s.ticketId(),
                    s.policyId(), odt(s.clientResponseDue()), odt(s.clientResolutionDue()), odt(s.pausedSince()),
                    s.pausedSeconds(), odt(now));
        }
    }

    /** The customer's tier from the master data, or null (unknown customer). */
    String tierOf(String customerId) {
        return jdbc.queryForList("select tier from customer where id = ?", String.class, customerId).stream()
                .findFirst().orElse(null);
    }

    private static State map(ResultSet rs, int row) throws SQLException {
        return new State(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4), instant(rs, 5),
                rs.getLong(6));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
