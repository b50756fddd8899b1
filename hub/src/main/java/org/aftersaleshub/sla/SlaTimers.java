package org.aftersaleshub.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.event.SlaBreached;
import org.aftersaleshub.model.event.SlaWarning;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.DueTimer;
import org.aftersaleshub.timers.TimerHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an SLA timer does when it is due, in the transaction that marks it fired: a warning writes
 * {@link SlaWarning}; a breach or a later step of the chain, or an escalation rule, puts its label on the ticket,
 * raises the priority one level when it is 自动升级 ({@code TicketPriorityChanged}, deadlines recomputed), and writes
 * {@link SlaBreached} naming whom to notify — routes/im-notifications.yaml (im-sla) sends the messages. The
 * conditions are checked again here: a ticket that moved on since the timer was set gets nothing.
 */
@Component
class SlaTimers implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);

    private final TicketService tickets;
    private final SlaRulesSource source;
    private final TicketSlaStore store;
    private final TicketLabels labels;

    SlaTimers(TicketService tickets, SlaRulesSource source, TicketSlaStore store, TicketLabels labels) {
        this.tickets = tickets;
        this.source = source;
        this.store = store;
        this.labels = labels;
    }

    @Override
    public String kind() {
        return SlaEngine.KIND;
    }

    @Override
    public void lockSubject(String ticketId) {
        tickets.lockForChange(ticketId);
    }

    @Override
    public void fire(DueTimer timer, Instant now, boolean late) {
        Ticket t = tickets.lockForChange(timer.subject());
        SlaRules rules = source.rules();
        String key = timer.key();
        int colon = key.indexOf(':');
        String kind = key.substring(0, colon);
        String which = key.substring(colon + 1);
        if (kind.equals("rule")) {
            Optional<SlaRules.EscalationRule> rule = rules.rule(which);
            if (rule.isEmpty() || !rule.get().statuses().contains(t.status())) {
                log.info("Rule timer {} of ticket {} skipped: the rule is gone or the ticket moved on", key, t.id());
                return;
            }
            step(t, "RULE", timer.dueAt(), rule.get().id(), rule.get().name(), 1, rule.get().action(), late, now);
            return;
        }
        boolean response = kind.equals("response");
        boolean applies = response ? SlaRules.PENDING.contains(t.status()) : t.status().isOpen();
        Optional<SlaRules.Policy> policy = store.find(t.id()).map(TicketSlaStore.State::policyId)
                .flatMap(rules::policy);
        if (!applies) {
            return;
        }
        String slaKind = response ? "RESPONSE" : "RESOLUTION";
        Instant due = response ? t.responseDueAt() : t.resolutionDueAt();
        String policyId = policy.map(SlaRules.Policy::id).orElse(null);
        if (which.equals("warning")) {
            tickets.appendEvent(t.id(), new SlaWarning(t.id(), slaKind, due, policyId, late));
            return;
        }
        int n = Integer.parseInt(which);
        List<SlaRules.Step> steps = policy.map(SlaRules.Policy::escalation).orElse(List.of());
        SlaRules.Step s = n <= steps.size() ? steps.get(n - 1)
                : new SlaRules.Step(java.time.Duration.ZERO, List.of("assignee", "supervisor"), null, false);
        step(t, slaKind, due == null ? timer.dueAt() : due, policyId, policy.map(SlaRules.Policy::name).orElse(null),
                n, s, late, now);
    }

    private void step(Ticket t, String slaKind, Instant due, String id, String name, int n, SlaRules.Step s,
                      boolean late, Instant now) {
        List<String> put = new ArrayList<>();
        if (s.label() != null) {
            labels.add(t.id(), s.label(), "sla:" + id, now);
            put.add(s.label());
        }
        String raisedTo = null;
        if (s.escalate()) {
            Priority next = raise(t.priority());
            if (next != t.priority()) {
                tickets.changePriority(t.id(), next, "自动升级：" + (name == null ? id : name), "sla:" + id);
                raisedTo = next.name();
            }
        }
        tickets.appendEvent(t.id(), new SlaBreached(t.id(), slaKind, due, id, name, n, s.recipients(), put, raisedTo,
                late));
    }

    /** One level up; URGENT stays URGENT. */
    static Priority raise(Priority p) {
        Priority[] all = Priority.values();
        return p.ordinal() + 1 < all.length ? all[p.ordinal() + 1] : p;
    }
}
