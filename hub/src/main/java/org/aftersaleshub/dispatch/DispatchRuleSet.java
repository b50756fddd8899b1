package org.aftersaleshub.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code rules/dispatch.yaml}, read (its JSON Schema is {@code rules-schema/dispatch.schema.json}).
 *
 * @param rules    tried in order
 * @param fallback what happens when no rule finds an engineer (never null)
 */
public record DispatchRuleSet(List<Rule> rules, Fallback fallback) {

    public DispatchRuleSet {
        rules = rules == null ? List.of() : List.copyOf(rules);
        fallback = fallback == null ? new Fallback(null, null, null) : fallback;
    }

    /** One rule: when {@code match} holds, choose among the engineers {@code choose} describes. */
    public record Rule(String name, String description, Match match, Choose choose) {
        public Rule {
            match = match == null ? new Match(null, null, null, null, null, null) : match;
            choose = choose == null ? new Choose(null, null, null) : choose;
        }
    }

    /** Each non-empty list must contain the ticket's value; {@code warranty} is {@code in} or {@code out}. */
    public record Match(List<String> region, List<String> faultType, List<String> productLine, List<String> priority,
                        List<String> customerTier, String warranty) {
        public Match {
            region = orEmpty(region);
            faultType = orEmpty(faultType);
            productLine = orEmpty(productLine);
            priority = orEmpty(priority);
            customerTier = orEmpty(customerTier);
        }
    }

    /**
     * Who may get the ticket.
     *
     * @param region {@code ticket} (default): the ticket's region; {@code any}; or a region name
     */
    public record Choose(String team, List<String> skills, String region) {
        public static final String TICKET_REGION = "ticket";
        public static final String ANY_REGION = "any";

        public Choose {
            skills = orEmpty(skills);
            region = region == null || region.isBlank() ? TICKET_REGION : region;
        }
    }

    /**
     * @param team   assign within this team (any region) before queueing; null: queue at once
     * @param queue  the queue an unassigned ticket waits in (default 待分派)
     * @param notice the file's {@code notify}: {@code region-supervisors} (default) or {@code none}
     */
    public record Fallback(String team, String queue, @JsonProperty("notify") String notice) {
        public static final String DEFAULT_QUEUE = "待分派";
        public static final String REGION_SUPERVISORS = "region-supervisors";

        public Fallback {
            queue = queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue;
            notice = notice == null || notice.isBlank() ? REGION_SUPERVISORS : notice;
        }

        public boolean notifiesSupervisors() {
            return REGION_SUPERVISORS.equals(notice);
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
