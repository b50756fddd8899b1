package org.aftersaleshub.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aftersaleshub.connector.config.ConfigProblem;

/** What the hub last learnt about each instance's configuration and reachability, for operators. */
public final class ConnectorStates {

    /**
     * @param origin       where the instance's keys are set ({@code hub.connectors.kingdee-sh.})
     * @param validation   stage-1 problems (empty: the instance started)
     * @param reachable    null before any check, else the result of the last connectivity check
     * @param connectivity the last check's problems (the key at fault and the hint; never a secret)
     * @param checkedAt    when the last connectivity check ran
     */
    public record State(String origin, List<ConfigProblem> validation, Boolean reachable,
                        List<ConfigProblem> connectivity, Instant checkedAt) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Supplier<List<ConfigProblem>>> checks = new ConcurrentHashMap<>();

    /** @param check runs the instance's connectivity check now (a probe of its own: it does not touch the instance) */
    void validated(String instance, String origin, List<ConfigProblem> problems,
                   Supplier<List<ConfigProblem>> check) {
        states.put(instance, new State(origin, List.copyOf(problems), null, List.of(), null));
        checks.put(instance, check);
    }

    /** Runs the instance's connectivity check now and records it. */
    public State recheck(String instance) {
        Supplier<List<ConfigProblem>> check = checks.get(instance);
        if (check != null) {
            checked(instance, check.get());
        }
        return of(instance);
    }

    void checked(String instance, List<ConfigProblem> problems) {
        states.computeIfPresent(instance, (k, s) -> new State(s.origin(), s.validation(), problems.isEmpty(),
                List.copyOf(problems), Instant.now()));
    }

    public State of(String instance) {
        return states.get(instance);
    }
}
