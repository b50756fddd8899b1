package org.aftersaleshub.sla;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.TicketStatus;

/**
 * What rules/sla.yaml and rules/calendars/*.yaml say, checked ({@link SlaRuleFiles}). Policies and escalation rules
 * are tried in file order; the first policy that matches a ticket is its SLA.
 */
public record SlaRules(List<Policy> policies, List<EscalationRule> rules, Map<String, BusinessCalendar> calendars) {

    /** Roles a step may notify. */
    public static final List<String> ROLES = List.of("assignee", "supervisor", "director");
    /** 待处理: not yet accepted. */
    public static final Set<TicketStatus> PENDING = Set.of(TicketStatus.NEW, TicketStatus.ASSIGNED);

    public SlaRules {
        policies = List.copyOf(policies);
        rules = List.copyOf(rules);
        calendars = Map.copyOf(calendars);
    }

    public static SlaRules none() {
        return new SlaRules(List.of(), List.of(), Map.of(BusinessCalendar.ALWAYS_ID, BusinessCalendar.ALWAYS));
    }

    /** Which tickets a policy or rule applies to; an empty set matches every value. */
    public record Match(Set<Priority> priorities, Set<String> tiers, Set<String> regions) {

        public static final Match ANY = new Match(Set.of(), Set.of(), Set.of());

        public boolean matches(Priority priority, String tier, String region) {
            return (priorities.isEmpty() || priorities.contains(priority))
                    && (tiers.isEmpty() || (tier != null && tiers.contains(tier)))
                    && (regions.isEmpty() || regions.contains(region));
        }
    }

    /**
     * One step of an escalation: who hears of it, the label it puts on the ticket, whether it raises the priority
     * (自动升级).
     *
     * @param after    for the steps of a chain, the time after the previous step (working time of the policy's
     *                 calendar); zero for the first
     */
    public record Step(Duration after, List<String> roles, String label, boolean escalate) {

        /** Who hears of the step: 自动升级 notifies the supervisor even when the file names nobody. */
        public List<String> recipients() {
            if (escalate && !roles.contains("supervisor")) {
                return java.util.stream.Stream.concat(roles.stream(), java.util.stream.Stream.of("supervisor"))
                        .toList();
            }
            return roles;
        }
    }

    /**
     * An SLA policy.
     *
     * @param response   from creation until ACCEPTED (接单/响应), in working time of the calendar
     * @param resolution from creation until RESOLVED (解决), in working time, the paused time added
     * @param warnAt     the fraction of the time at which the warning goes out (0 &lt; warnAt &lt; 1), or null
     * @param pauseWhile statuses during which the resolution time stops (e.g. WAITING_PARTS)
     * @param escalation the chain on a breach: step 1 at the deadline, each next one {@code after} the previous
     */
    public record Policy(String id, String name, Match match, String calendar, Duration response,
                         Duration resolution, Double warnAt, Set<TicketStatus> pauseWhile, List<Step> escalation) {
    }

    /**
     * An escalation rule: when a ticket that matches is still in one of {@code statuses} {@code after} its creation,
     * {@code action} happens once. The seeds' "高优先级工单在“待处理”停留超过2小时" is one.
     */
    public record EscalationRule(String id, String name, Match match, Set<TicketStatus> statuses, Duration after,
                                 String calendar, Step action) {
    }

    /**
     * These rules on the demo clock: every duration (response, resolution, the chain's {@code after}, the rules'
     * {@code after}) divided by {@code factor}; calendars, fractions and matches as they are.
     */
    public SlaRules scaledDown(int factor) {
        java.util.function.UnaryOperator<Duration> d = x -> x == null ? null : x.dividedBy(factor);
        java.util.function.UnaryOperator<Step> s = x -> x == null ? null
                : new Step(d.apply(x.after()), x.roles(), x.label(), x.escalate());
        return new SlaRules(policies.stream().map(p -> new Policy(p.id(), p.name(), p.match(), p.calendar(),
                d.apply(p.response()), d.apply(p.resolution()), p.warnAt(), p.pauseWhile(),
                p.escalation().stream().map(s).toList())).toList(),
                rules.stream().map(r -> new EscalationRule(r.id(), r.name(), r.match(), r.statuses(),
                        d.apply(r.after()), r.calendar(), s.apply(r.action()))).toList(), calendars);
    }

    public Optional<Policy> policyFor(Priority priority, String tier, String region) {
        return policies.stream().filter(p -> p.match().matches(priority, tier, region)).findFirst();
    }

    public Optional<Policy> policy(String id) {
        return policies.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<EscalationRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public BusinessCalendar calendar(String id) {
        return id == null ? BusinessCalendar.ALWAYS : calendars.getOrDefault(id, BusinessCalendar.ALWAYS);
    }
}
