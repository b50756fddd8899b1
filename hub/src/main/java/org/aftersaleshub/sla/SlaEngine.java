package org.aftersaleshub.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.ticket.TicketDeadlines;
import org.aftersaleshub.timers.DueTimers;
import org.springframework.stereotype.Component;

/**
 * A ticket's deadlines and timers, recomputed on every change of the ticket (in its transaction, the ticket row
 * locked):
 * <ul>
 * <li>the policy is the first of rules/sla.yaml matching priority, customer tier and region;</li>
 * <li>response due = creation + the policy's response time in working time of its calendar; resolution due = creation
 *     + resolution time + the time spent paused (WAITING_PARTS when the policy pauses); a deadline the client sent
 *     on creation stands when it is earlier;</li>
 * <li>timers (kind {@code sla}): {@code response:warning} at the warning fraction, {@code response:1} at the deadline,
 *     {@code response:2..} for the later steps of the chain, the same for {@code resolution:*}, and
 *     {@code rule:<id>} for each escalation rule the ticket matches. Response timers live while the ticket is 待处理
 *     (NEW, ASSIGNED), resolution timers while it is open and not paused, rule timers while it is in the rule's
 *     statuses. A timer that fired never fires again.</li>
 * </ul>
 */
@Component
public class SlaEngine implements TicketDeadlines {

    static final String KIND = "sla";

    private final SlaRulesSource source;
    private final TicketSlaStore store;
    private final DueTimers timers;

    SlaEngine(SlaRulesSource source, TicketSlaStore store, DueTimers timers) {
        this.source = source;
        this.store = store;
        this.timers = timers;
    }

    @Override
    public Ticket apply(Ticket before, Ticket after, Instant now) {
        SlaRules rules = source.rules();
        if (rules.policies().isEmpty() && rules.rules().isEmpty()) {
            return after;
        }
        TicketSlaStore.State state = store.find(after.id()).orElseGet(() -> new TicketSlaStore.State(after.id(),
                null, before == null ? after.responseDueAt() : null, before == null ? after.resolutionDueAt() : null,
                null, 0));
        String tier = store.tierOf(after.customerId());
        SlaRules.Policy policy = rules.policyFor(after.priority(), tier, after.region()).orElse(null);
        BusinessCalendar cal = policy == null ? BusinessCalendar.ALWAYS : rules.calendar(policy.calendar());

        Instant pausedSince = state.pausedSince();
        long pausedSeconds = state.pausedSeconds();
        boolean pausing = policy != null && policy.pauseWhile().contains(after.status()) && after.status().isOpen();
        if (pausing && pausedSince == null) {
            pausedSince = now;
        } else if (!pausing && pausedSince != null) {
            pausedSeconds += cal.between(pausedSince, now).toSeconds();
            pausedSince = null;
        }
        TicketSlaStore.State next = new TicketSlaStore.State(after.id(), policy == null ? null : policy.id(),
                state.clientResponseDue(), state.clientResolutionDue(), pausedSince, pausedSeconds);
        store.save(next, now);

        Instant created = after.createdAt();
        Instant responseDue = earlier(policy == null ? null : cal.plus(created, policy.response()),
                state.clientResponseDue());
        // while paused the resolution deadline is unknown (null): it moves on by the paused time at the resume
        Instant resolutionDue = policy == null ? state.clientResolutionDue() : pausing ? null
                : earlier(cal.plus(created, policy.resolution().plusSeconds(pausedSeconds)),
                state.clientResolutionDue());

        Map<String, Instant> wanted = new LinkedHashMap<>();
        if (after.status().isOpen()) {
            if (SlaRules.PENDING.contains(after.status()) && responseDue != null) {
                chain(wanted, "response", policy, cal, created, policy == null ? null : policy.response(), 0,
                        responseDue);
            }
            if (!pausing && resolutionDue != null) {
                chain(wanted, "resolution", policy, cal, created, policy == null ? null : policy.resolution(),
                        pausedSeconds, resolutionDue);
            }
            for (SlaRules.EscalationRule r : rules.rules()) {
                if (r.match().matches(after.priority(), tier, after.region()) && r.statuses().contains(after.status())) {
                    wanted.put("rule:" + r.id(), rules.calendar(r.calendar()).plus(created, r.after()));
                }
            }
        }
        timers.sync(KIND, after.id(), wanted);
        return new Ticket(after.id(), after.number(), after.channel(), after.customerId(), after.device(),
                after.faultType(), after.description(), after.priority(), after.region(), after.status(),
                after.assigneeId(), responseDue, resolutionDue, after.createdAt(), after.updatedAt(),
                after.satisfactionScore(), after.attachments(), after.version());
    }

    /** The warning and the steps of one deadline; without a policy (a client deadline only) just the breach. */
    private static void chain(Map<String, Instant> wanted, String kind, SlaRules.Policy policy, BusinessCalendar cal,
                              Instant created, Duration time, long pausedSeconds, Instant due) {
        if (policy != null && policy.warnAt() != null) {
            long warnSeconds = (long) (time.toSeconds() * policy.warnAt());
            Instant warn = cal.plus(created, Duration.ofSeconds(warnSeconds + pausedSeconds));
            if (warn.isBefore(due)) {
                wanted.put(kind + ":warning", warn);
            }
        }
        List<SlaRules.Step> steps = policy == null ? List.of() : policy.escalation();
        Instant at = due;
        wanted.put(kind + ":1", at);
        for (int i = 1; i < steps.size(); i++) {
            at = cal.plus(at, steps.get(i).after());
            wanted.put(kind + ":" + (i + 1), at);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
