package org.aftersaleshub.mock.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults a test asks a mock to inject, matched by operation name (each mock names its operations,
 * e.g. {@code Save}, {@code otherout/add}, {@code message/send}; {@code *} matches all).
 *
 * <p>Each rule says <em>when</em> it strikes relative to the business effect:
 * {@link Phase#BEFORE} rules answer without changing state (a 5xx, a reset connection before the ERP saw
 * the request); {@link Phase#AFTER} rules let the mock commit first and then spoil the answer (the classic
 * "timeout after the ERP committed"). A rule fires {@code count} times ({@code -1} = until cleared), each
 * time with {@code probability} (1.0 = always).
 */
public final class FaultPlan {

    public enum Kind {
        /** Answer with {@code status} (default 500) and a plain body. */
        HTTP_ERROR,
        /** Drop the TCP connection (WireMock CONNECTION_RESET_BY_PEER). */
        CONNECTION_RESET,
        /** Delay the answer between {@code minDelayMs} and {@code maxDelayMs}. */
        DELAY
    }

    public enum Phase { BEFORE, AFTER }

    public record Rule(String operation, Kind kind, Phase phase, int count, double probability, int status,
                       long minDelayMs, long maxDelayMs) {

        public boolean matches(String op) {
            return operation == null || "*".equals(operation) || operation.equalsIgnoreCase(op);
        }

        /** A delay drawn uniformly from [min, max]. */
        public long drawDelayMs() {
            return maxDelayMs <= minDelayMs ? minDelayMs : ThreadLocalRandom.current().nextLong(minDelayMs, maxDelayMs + 1);
        }

        /**
         * Reads a rule from its admin-API JSON form, e.g.
         * {@code {"operation":"Save","kind":"DELAY","phase":"AFTER","count":1,"minDelayMs":40000}}.
         */
        public static Rule fromMap(Map<String, Object> m) {
            Kind kind = Kind.valueOf(String.valueOf(m.getOrDefault("kind", "HTTP_ERROR")).toUpperCase());
            Phase phase = Phase.valueOf(String.valueOf(m.getOrDefault("phase", "BEFORE")).toUpperCase());
            long min = num(m.get("minDelayMs"), num(m.get("delayMs"), 0));
            long max = num(m.get("maxDelayMs"), min);
            return new Rule(m.get("operation") == null ? "*" : String.valueOf(m.get("operation")), kind, phase,
                    (int) num(m.get("count"), -1),
                    m.get("probability") == null ? 1.0 : ((Number) m.get("probability")).doubleValue(),
                    (int) num(m.get("status"), 500), min, max);
        }

        private static long num(Object o, long dflt) {
            return o instanceof Number n ? n.longValue() : o == null ? dflt : Long.parseLong(o.toString());
        }
    }

    private final List<MutableRule> rules = new ArrayList<>();

    private static final class MutableRule {
        final Rule rule;
        int remaining;

        MutableRule(Rule rule) {
            this.rule = rule;
            this.remaining = rule.count();
        }
    }

    public synchronized void add(Rule rule) {
        rules.add(new MutableRule(rule));
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** The rules still armed, with how many firings each has left. */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MutableRule r : rules) {
            out.add(Map.of("rule", r.rule, "remaining", r.remaining));
        }
        return out;
    }

    /**
     * Consumes and returns the first armed rule for this operation and phase, if it strikes this time.
     * Delays of the same phase combine with an error rule only through separate calls; callers usually ask
     * once per phase.
     */
    public synchronized Optional<Rule> strike(String operation, Phase phase) {
        for (var it = rules.iterator(); it.hasNext(); ) {
            MutableRule r = it.next();
            if (r.rule.phase() != phase || !r.rule.matches(operation)) {
                continue;
            }
            if (r.rule.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= r.rule.probability()) {
                continue;
            }
            if (r.remaining > 0 && --r.remaining == 0) {
                it.remove();
            }
            return Optional.of(r.rule);
        }
        return Optional.empty();
    }
}
