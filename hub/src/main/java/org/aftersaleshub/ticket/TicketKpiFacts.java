package org.aftersaleshub.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-ticket KPI fact row ({@code ticket_kpi}, V17/V18) the console's first-response, resolution, first-fix and
 * SLA-compliance figures read. {@link TicketService} calls it inside the transaction of the creation, status change,
 * assignment or priority change, after the status history row and after the SLA engine has set the deadlines and
 * the pause ({@code ticket_sla}), so the fact row never disagrees with the history or the ticket's deadlines.
 */
@Repository
class TicketKpiFacts {

    /** The pause as the SLA engine left it in this transaction: the resolution clock stopped (WAITING_PARTS). */
    private static final String PAUSED = "coalesce((select s.paused_since is not null from ticket_sla s"
            + " where s.ticket_id = ?), false)";

    /** Derives one ticket's row from its history, its deadlines and its SLA row, as V17 and V18 do for all. */
    private static final String DERIVE = "insert into ticket_kpi (ticket_id, created_at, channel, region, accepted_at,"
            + " resolved_at, arrivals, reopened, response_due_at, resolution_due_at, resolution_paused, cancelled)"
            + " select t.id, t.created_at, t.channel, t.region,"
            + " (select min(h.changed_at) from status_history h where h.ticket_id = t.id and h.to_status = 'ACCEPTED'),"
            + " (select min(h.changed_at) from status_history h where h.ticket_id = t.id and h.to_status = 'RESOLVED'),"
            + " (select count(*) from status_history h where h.ticket_id = t.id and h.to_status = 'IN_PROGRESS'"
            + " and h.from_status in ('ACCEPTED', 'WAITING_PARTS')),"
            + " (select count(*) from status_history h where h.ticket_id = t.id and h.to_status = 'IN_PROGRESS'"
            + " and h.from_status = 'RESOLVED') > 0,"
            + " t.response_due_at, t.resolution_due_at,"
            + " coalesce((select s.paused_since is not null from ticket_sla s where s.ticket_id = t.id), false),"
            + " t.status = 'CANCELLED'"
            + " from ticket t where t.id = ?";

    /** The deadline columns, set on every write of the row; arguments: {@link #deadlineArgs}. */
    private static final String DEADLINES = "response_due_at = ?, resolution_due_at = ?, resolution_paused = " + PAUSED
            + ", cancelled = ?";

    private final JdbcTemplate jdbc;

    TicketKpiFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void created(Ticket t) {
        jdbc.update("insert into ticket_kpi (ticket_id, created_at, channel, region, response_due_at,"
                        + " resolution_due_at, resolution_paused, cancelled) values (?, ?, ?, ?, ?, ?, " + PAUSED
                        + ", false)",
                t.id(), t.createdAt().atOffset(ZoneOffset.UTC), t.channel().name(), t.region(), odt(t.responseDueAt()),
                odt(t.resolutionDueAt()), t.id());
    }

    /**
     * Only the first ACCEPTED and RESOLVED count (首次响应, 解决); entering IN_PROGRESS from ACCEPTED or WAITING_PARTS
     * is an arrival (到场), from RESOLVED a reopen (重新打开). The deadlines and the pause of {@code after} (as the SLA
     * engine recomputed them for this change: a WAITING_PARTS pause, its resume, a cancellation) are written with it.
     */
    void statusChanged(Ticket after, TicketStatus from, TicketStatus to, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String ticketId = after.id();
        int rows = switch (to) {
            case ACCEPTED -> jdbc.update("update ticket_kpi set accepted_at = coalesce(accepted_at, ?), " + DEADLINES
                    + " where ticket_id = ?", when, odt(after.responseDueAt()), odt(after.resolutionDueAt()),
                    ticketId, false, ticketId);
            case RESOLVED -> jdbc.update("update ticket_kpi set resolved_at = coalesce(resolved_at, ?), " + DEADLINES
                    + " where ticket_id = ?", when, odt(after.responseDueAt()), odt(after.resolutionDueAt()),
                    ticketId, false, ticketId);
            case IN_PROGRESS -> jdbc.update("update ticket_kpi set " + (from == TicketStatus.RESOLVED
                    ? "reopened = true" : "arrivals = arrivals + 1") + ", " + DEADLINES + " where ticket_id = ?",
                    odt(after.responseDueAt()), odt(after.resolutionDueAt()), ticketId, false, ticketId);
            default -> deadlines(after);
        };
        if (rows == 0) {
            // a ticket written by a hub of before V17 during a rolling upgrade: its history already holds this change
            jdbc.update(DERIVE, ticketId);
        }
    }

    /** An assignment or a priority change: the SLA engine may have moved the deadlines. */
    void deadlinesChanged(Ticket after) {
        if (deadlines(after) == 0) {
            jdbc.update(DERIVE, after.id());
        }
    }

    private int deadlines(Ticket after) {
        return jdbc.update("update ticket_kpi set " + DEADLINES + " where ticket_id = ?", odt(after.responseDueAt()),
                odt(after.resolutionDueAt()), after.id(), after.status() == TicketStatus.CANCELLED, after.id());
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
