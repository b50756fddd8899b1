package org.aftersaleshub.ticket;

import java.sql.Timestamp;
import java.util.List;

/**
 * The SLA verdict of one deadline of a ticket (docs/console.md, SLA 达成率) as SQL over its KPI fact row {@code k}
 * (ticket_kpi, kept in step with the deadlines by {@link TicketKpiFacts}): the console's compliance figure counts
 * these conditions and both ticket searches (API and console) filter by them, so a click on a chart segment lists
 * exactly the tickets it counted. The conditions that look at the clock hold one {@code ?}: the hub's now.
 */
public final class SlaVerdicts {

    /** Which deadline: first ACCEPTED vs the response deadline, first RESOLVED vs the resolution deadline. */
    public enum Kind {
        RESPONSE("k.accepted_at", "k.response_due_at", false),
        RESOLUTION("k.resolved_at", "k.resolution_due_at", true);

        private final String reached;
        private final String due;
        private final boolean pauses;

        Kind(String reached, String due, boolean pauses) {
            this.reached = reached;
            this.due = due;
            this.pauses = pauses;
        }
    }

    /**
     * MET (reached at or before the deadline), BREACHED (reached after it, or not reached and already past; a
     * cancelled ticket is not judged), PENDING (a deadline, not judged yet; also a paused resolution clock), NONE
     * (no deadline: outside the rate).
     */
    public enum Verdict {
        MET, BREACHED, PENDING, NONE
    }

    private SlaVerdicts() {
    }

    /** The condition on fact row {@code k}; see {@link #needsNow} for its parameter. */
    public static String condition(Kind kind, Verdict verdict) {
        String reached = kind.reached;
        String due = kind.due;
        String past = due + " < ? and not k.cancelled";
        return switch (verdict) {
            case MET -> reached + " <= " + due;
            case BREACHED -> "(" + reached + " > " + due + " or (" + reached + " is null and " + past + "))";
            case PENDING -> "((" + due + " is not null and " + reached + " is null and not (" + past + "))"
                    + (kind.pauses ? " or (" + due + " is null and k.resolution_paused)" : "") + ")";
            case NONE -> "(" + due + " is null" + (kind.pauses ? " and not k.resolution_paused" : "") + ")";
        };
    }

    /** Whether {@link #condition} of this verdict holds a {@code ?} for the hub's clock. */
    public static boolean needsNow(Verdict verdict) {
        return verdict == Verdict.BREACHED || verdict == Verdict.PENDING;
    }

    /**
     * The filter on a ticket search over ticket alias {@code ticketId}: {@code and exists (...)}; adds now to
     * {@code args} when the condition needs it.
     */
    public static String filter(String ticketId, Kind kind, Verdict verdict, Timestamp now, List<Object> args) {
        if (needsNow(verdict)) {
            args.add(now);
        }
        return " and exists (select 1 from ticket_kpi k where k.ticket_id = " + ticketId + " and "
                + condition(kind, verdict) + ")";
    }
}
