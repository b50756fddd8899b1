package org.aftersaleshub.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;

/**
 * The service-quality filters of a ticket search (the drill-down of the dashboard's SLA and satisfaction figures,
 * docs/console.md): the SLA verdict of one deadline, and the survey answer — exact score, score at most, answered in
 * a time range. Null means any.
 *
 * @param answeredFrom answered at or after (inclusive)
 * @param answeredTo   answered before (exclusive)
 */
public record QualityFilter(SlaVerdicts.Kind slaKind, SlaVerdicts.Verdict sla, Integer satisfaction,
                            Integer satisfactionMax, Instant answeredFrom, Instant answeredTo) {

    public static final QualityFilter NONE = new QualityFilter(null, null, null, null, null, null);

    /** 400 naming the field: a verdict needs its deadline, an answered range must not be empty. */
    public void validate() {
        if (sla != null && slaKind == null) {
            throw ApiProblem.validation(List.of(new FieldViolation("slaKind", "required-with:sla",
                    "name the deadline the verdict is about: RESPONSE or RESOLUTION")));
        }
        if (answeredFrom != null && answeredTo != null && !answeredTo.isAfter(answeredFrom)) {
            throw ApiProblem.validation(List.of(new FieldViolation("answeredTo", "after:answeredFrom",
                    "must be later than answeredFrom")));
        }
    }

    boolean survey() {
        return satisfaction != null || satisfactionMax != null || answeredFrom != null || answeredTo != null;
    }

    /**
     * The conditions on the ticket whose id is {@code ticketId}, each {@code and exists (...)} on its KPI fact row
     * or survey; their arguments are added to {@code args} in order.
     */
    public String sql(String ticketId, Instant now, List<Object> args) {
        StringBuilder c = new StringBuilder();
        if (sla != null && slaKind != null) {
            c.append(SlaVerdicts.filter(ticketId, slaKind, sla, Timestamp.from(now), args));
        }
        if (survey()) {
            c.append(" and exists (select 1 from ticket_survey s where s.ticket_id = ").append(ticketId)
                    .append(" and s.score is not null");
            if (satisfaction != null) {
                c.append(" and s.score = ?");
                args.add(satisfaction);
            }
            if (satisfactionMax != null) {
                c.append(" and s.score <= ?");
                args.add(satisfactionMax);
            }
            if (answeredFrom != null) {
                c.append(" and s.answered_at >= ?");
                args.add(Timestamp.from(answeredFrom));
            }
            if (answeredTo != null) {
                c.append(" and s.answered_at < ?");
                args.add(Timestamp.from(answeredTo));
            }
            c.append(")");
        }
        return c.toString();
    }
}
