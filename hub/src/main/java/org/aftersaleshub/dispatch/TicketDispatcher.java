package org.aftersaleshub.dispatch;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.dispatch.DispatchRepository.TicketFacts;
import org.aftersaleshub.dispatch.DispatchRuleSet.Choose;
import org.aftersaleshub.dispatch.DispatchRuleSet.Fallback;
import org.aftersaleshub.dispatch.DispatchRuleSet.Match;
import org.aftersaleshub.dispatch.DispatchRuleSet.Rule;
import org.aftersaleshub.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dispatches one new ticket by the rules, once: in one transaction it locks the ticket row (a ticket already
 * assigned, or already dispatched, is left alone — so a redelivered event or a second hub instance changes nothing),
 * finds the first rule that matches and has an engineer, picks the least loaded one (ties: the round robin row, also
 * locked here, so all instances share one position), and assigns through {@link TicketService} — a
 * {@code TicketAssigned} event like any other, with the rule as the timeline's reason.
 */
@Service
public class TicketDispatcher {

    /** The actor dispatch assigns as (status history, TicketAssigned.assignedBy). */
    public static final String ACTOR = "dispatch";

    private static final Logger log = LoggerFactory.getLogger(TicketDispatcher.class);
    private static final ZoneId WARRANTY_ZONE = ZoneId.of("Asia/Shanghai");

    /** What dispatch did. */
    public enum Outcome { ASSIGNED, QUEUED, SKIPPED }

    /** The result of one dispatch: who (for ASSIGNED), by which rule, or the queue (QUEUED). */
    public record Result(Outcome outcome, String staffId, String rule, String queue) {
    }

    private final DispatchRules rules;
    private final DispatchRepository repo;
    private final TicketService tickets;

    public TicketDispatcher(DispatchRules rules, DispatchRepository repo, TicketService tickets) {
        this.rules = rules;
        this.repo = repo;
        this.tickets = tickets;
    }

    /** The route's entry: the ticket of a {@code TicketCreated} event. */
    @Transactional
    public Result dispatch(String ticketId) {
        Optional<DispatchRuleSet> inForce = rules.current();
        if (inForce.isEmpty()) {
            return new Result(Outcome.SKIPPED, null, null, null); // no dispatch.yaml: assignment by hand
        }
        Optional<TicketFacts> locked = repo.lockTicket(ticketId);
        if (locked.isEmpty() || !"NEW".equals(locked.get().status()) || locked.get().assigneeId() != null
                || repo.decided(ticketId)) {
            return new Result(Outcome.SKIPPED, null, null, null);
        }
        TicketFacts t = locked.get();
        DispatchRuleSet set = inForce.get();
        String nobody = "no rule matched";
        for (Rule rule : set.rules()) {
            if (!matches(rule.match(), t)) {
                continue;
            }
            String region = regionOf(rule.choose(), t);
            List<String> candidates = repo.candidates(rule.choose().team(), rule.choose().skills(), region);
            if (candidates.isEmpty()) {
                nobody = "rule " + rule.name() + ": no active engineer" + (region == null ? "" : " in " + region);
                continue; // the next matching rule may have someone
            }
            return assign(t, candidates, rule.name() + "|" + (region == null ? "*" : region),
                    "dispatch rule " + rule.name(), rule.name());
        }
        Fallback fallback = set.fallback();
        if (fallback.team() != null) {
            List<String> team = repo.candidates(fallback.team(), List.of(), null);
            if (!team.isEmpty()) {
                return assign(t, team, "fallback|" + fallback.team(), "dispatch fallback team " + fallback.team(),
                        "fallback");
            }
        }
        repo.recordDecision(t.id(), Outcome.QUEUED.name(), null, null, fallback.queue());
        if (fallback.notifiesSupervisors()) {
            tickets.leaveUnassigned(t.id(), fallback.queue(), nobody);
        }
        log.info("Ticket {} not dispatched ({}): waits in queue {}", t.id(), nobody, fallback.queue());
        return new Result(Outcome.QUEUED, null, null, fallback.queue());
    }

    private Result assign(TicketFacts t, List<String> candidates, String positionKey, String reason, String rule) {
        String chosen = pick(candidates, positionKey);
        tickets.assign(t.id(), chosen, ACTOR, reason);
        repo.recordDecision(t.id(), Outcome.ASSIGNED.name(), rule, chosen, null);
        log.info("Ticket {} dispatched to {} by {}", t.id(), chosen, reason);
        return new Result(Outcome.ASSIGNED, chosen, rule, null);
    }

    /**
     * Least open load first; among the least loaded, the next after the one this position picked last (by id,
     * wrapping). The position row is locked before the load is counted, so dispatches through the same position
     * (on any instance) see each other's assignments.
     */
    private String pick(List<String> candidates, String positionKey) {
        String last = repo.lockRoundRobin(positionKey);
        Map<String, Integer> load = repo.openLoad(candidates);
        int least = candidates.stream().mapToInt(id -> load.getOrDefault(id, 0)).min().orElse(0);
        List<String> tied = candidates.stream().filter(id -> load.getOrDefault(id, 0) == least)
                .sorted(Comparator.naturalOrder()).toList();
        String chosen = last == null ? tied.get(0)
                : tied.stream().filter(id -> id.compareTo(last) > 0).findFirst().orElse(tied.get(0));
        repo.advanceRoundRobin(positionKey, chosen);
        return chosen;
    }

    static boolean matches(Match m, TicketFacts t) {
        return in(m.region(), t.region()) && in(m.faultType(), t.faultType()) && in(m.productLine(), t.productLine())
                && in(m.priority(), t.priority()) && in(m.customerTier(), t.customerTier())
                && (m.warranty() == null || m.warranty().equals(inWarranty(t) ? "in" : "out"));
    }

    /** In warranty while today (Asia/Shanghai) is on or before the device's warranty end; unknown counts as out. */
    private static boolean inWarranty(TicketFacts t) {
        return t.warrantyEnd() != null && !LocalDate.now(WARRANTY_ZONE).isAfter(t.warrantyEnd());
    }

    private static boolean in(List<String> wanted, String value) {
        return wanted.isEmpty() || value != null && wanted.contains(value);
    }

    private static String regionOf(Choose c, TicketFacts t) {
        return switch (c.region()) {
            case Choose.TICKET_REGION -> t.region();
            case Choose.ANY_REGION -> null;
            default -> c.region();
        };
    }
}
