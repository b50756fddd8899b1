package org.aftersaleshub.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-ticket KPI fact row ({@code ticket_kpi}, V17) the console's first-response, resolution and first-fix
 * figures read. {@link TicketService} calls it inside the transaction of the creation or status change, after the
 * status history row, so the fact row and the history never disagree.
 */
@Repository
class TicketKpiFacts {

    /** Derives one ticket's row from its history, as V17's backfill does for all. */
    private static final String DERIVE = "insert into ticket_kpi (ticket_id, created_at, channel, region, accepted_at,"
            + " resolved_at, arrivals, reopened) select t.id, t.created_at, t.channel, t.region,"
            + " (select min(h.changed_at) from status_history h where h.ticket_id = t.id and h.to_status = 'ACCEPTED'),"
            + " (select min(h.changed_at) from status_history h where h.ticket_id = t.id and h.to_status = 'RESOLVED'),"
            + " (select count(*) from status_history h where h.ticket_id = t.id and h.to_status = 'IN_PROGRESS'"
            + " and h.from_status in ('ACCEPTED', 'WAITING_PARTS')),"
            + " (select count(*) from status_history h where h.ticket_id = t.id and h.to_status = 'IN_PROGRESS'"
            + " and h.from_status = 'RESOLVED') > 0"
            + " from ticket t where t.id = ?";

    private final JdbcTemplate jdbc;

    TicketKpiFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void created(Ticket t) {
        jdbc.update("insert into ticket_kpi (ticket_id, created_at, channel, region) values (?, ?, ?, ?)",
                t.id(), t.createdAt().atOffset(ZoneOffset.UTC), t.channel().name(), t.region());
    }

    /**
     * Only the first ACCEPTED and RESOLVED count (首次响应, 解决); entering IN_PROGRESS from ACCEPTED or WAITING_PARTS
     * is an arrival (到场), from RESOLVED a reopen (重新打开).
     */
    void statusChanged(String ticketId, TicketStatus from, TicketStatus to, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        int rows = switch (to) {
            case ACCEPTED -> jdbc.update("update ticket_kpi set accepted_at = coalesce(accepted_at, ?)"
                    + " where ticket_id = ?", when, ticketId);
            case RESOLVED -> jdbc.update("update ticket_kpi set resolved_at = coalesce(resolved_at, ?)"
                    + " where ticket_id = ?", when, ticketId);
            case IN_PROGRESS -> jdbc.update(from == TicketStatus.RESOLVED
                    ? "update ticket_kpi set reopened = true where ticket_id = ?"
                    : "update ticket_kpi set arrivals = arrivals + 1 where ticket_id = ?", ticketId);
            default -> -1; // nothing the figures read
        };
        if (rows == 0) {
            // a ticket written by a hub of before V17 during a rolling upgrade: its history already holds this change
            jdbc.update(DERIVE, ticketId);
        }
    }
}
