package org.aftersaleshub.routing;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aftersaleshub.connector.camel.HubConnectorEndpoint;
import org.aftersaleshub.delivery.ContractEndpointView;
import org.aftersaleshub.delivery.DeliveryContract;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.OnCompletionDefinition;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ThreadsDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.WireTapDefinition;

/**
 * The loader's check that every external call of a route stays inside the delivery contract (journal row per
 * attempt, stable key, bounded retries, dead letter). Refused, with file, line and a hint:
 * <ul>
 *   <li>an external endpoint (a connector, {@code http:}) called from {@code wireTap}, {@code enrich},
 *       {@code pollEnrich}, {@code doTry}, {@code circuitBreaker}, {@code onCompletion} or {@code threads}: there
 *       its failure would be swallowed, retried elsewhere or detached from the event's transaction;</li>
 *   <li>an {@code http:} endpoint with {@code throwExceptionOnFailure=false}: a 500 would count as delivered;</li>
 *   <li>a remote endpoint the contract does not cover (any component but the hub's broker, the connectors and
 *       HTTP), which would reach a system with no journal and no key.</li>
 * </ul>
 * A {@code toD} whose scheme is only known at run time counts as external.
 */
final class DeliveryContractRules {

    private static final List<Class<?>> DETACHING = List.of(WireTapDefinition.class, EnrichDefinition.class,
            PollEnrichDefinition.class, TryDefinition.class, CircuitBreakerDefinition.class,
            OnCompletionDefinition.class, ThreadsDefinition.class);

    private final CamelContext camel;

    DeliveryContractRules(CamelContext camel) {
        this.camel = camel;
    }

    void check(Path file, RouteDefinition route, List<RouteProblem> problems) {
        walk(file, route.getOutputs(), new ArrayDeque<>(), lineOf(route.getInput(), 0), problems);
    }

    private void walk(Path file, List<ProcessorDefinition<?>> outputs, Deque<ProcessorDefinition<?>> parents,
                      int parentLine, List<RouteProblem> problems) {
        for (ProcessorDefinition<?> step : outputs) {
            int line = lineOf(step, parentLine);
            String uri = uriOf(step);
            Target t = uri == null ? null : target(uri);
            if (t != null && t.external()) {
                ProcessorDefinition<?> detaching = step instanceof WireTapDefinition || step instanceof EnrichDefinition
                        || step instanceof PollEnrichDefinition ? step
                        : parents.stream().filter(p -> DETACHING.stream().anyMatch(c -> c.isInstance(p)))
                        .findFirst().orElse(null);
                if (detaching != null) {
                    problems.add(new RouteProblem(file.toString(), line, "external endpoint '" + uri + "' is called "
                            + "inside " + detaching.getShortName() + ", outside the delivery contract",
                            "call it with a plain `to:` (or `toD:`) step of the route: retries, the journal and the "
                                    + "dead letter come from " + HubErrorHandling.ID + "; for a second receiver "
                                    + "write a second route on its own queue (see routes/examples/)"));
                }
                String lower = uri.toLowerCase(Locale.ROOT);
                if (lower.startsWith("http") && lower.contains("throwexceptiononfailure=false")) {
                    problems.add(new RouteProblem(file.toString(), line, "endpoint '" + uri + "' sets "
                            + "throwExceptionOnFailure=false, so a failed delivery would be journaled as done",
                            "remove the option: the delivery contract retries 5xx and dead-letters refusals"));
                }
                instanceProblem(t.endpoint()).ifPresent(why -> problems.add(new RouteProblem(file.toString(), line,
                        "endpoint '" + uri + "': " + why, "declare the instance under hub.connectors.<name> (type "
                                + "and keys: docs/connectors/), or fix the name; GET /api/v1/connectors lists the "
                                + "declared ones")));
            } else if (t != null && t.uncovered()) {
                problems.add(new RouteProblem(file.toString(), line, "endpoint '" + uri + "' reaches another system "
                        + "outside the delivery contract (no journal, no idempotency key, no dead letter)",
                        "call external systems through a connector instance (<type>:<instance>?operation=...) or "
                                + "http:/https:, which the contract covers"));
            }
            parents.push(step);
            if (step.getOutputs() != null) {
                walk(file, step.getOutputs(), parents, line, problems);
            }
            parents.pop();
        }
    }

    private static String uriOf(ProcessorDefinition<?> step) {
        if (step instanceof ToDynamicDefinition d) {
            return d.getUri();
        }
        if (step instanceof SendDefinition<?> s) {
            return s.getEndpointUri();
        }
        if (step instanceof EnrichDefinition || step instanceof PollEnrichDefinition) {
            ExpressionNode n = (ExpressionNode) step;
            return n.getExpression() == null ? null : n.getExpression().getExpression();
        }
        return null;
    }

    /**
     * What a step's URI reaches, resolved once: {@code endpoint} is null when the URI is only known at run time or
     * does not resolve (the loader's own URI check reports that).
     */
    private record Target(String resolved, Endpoint endpoint) {

        /** Connector endpoints, HTTP, and anything whose scheme is decided at run time. */
        boolean external() {
            if (resolved == null || resolved.startsWith("${")) {
                return true;
            }
            return endpoint != null ? DeliveryContract.covers(endpoint) : resolved.startsWith("http");
        }

        /** A remote endpoint the contract does not cover (the hub's own broker aside). */
        boolean uncovered() {
            return endpoint != null && !resolved.startsWith("jms:") && endpoint.isRemote()
                    && !DeliveryContract.covers(endpoint);
        }
    }

    private Target target(String uri) {
        String resolved = resolve(uri);
        return new Target(resolved, resolved == null ? null : endpoint(resolved));
    }

    /** A static connector endpoint whose instance is not declared (or is of another type): why, else empty. */
    private static Optional<String> instanceProblem(Endpoint e) {
        Endpoint inner = e instanceof ContractEndpointView v ? v.target() : e;
        if (inner instanceof HubConnectorEndpoint c) {
            try {
                c.connector();
            } catch (RuntimeException ex) {
                return Optional.of(ex.getMessage());
            }
        }
        return Optional.empty();
    }

    private String resolve(String uri) {
        try {
            return camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            return null; // reported by the loader's own URI check
        }
    }

    private Endpoint endpoint(String resolved) {
        if (resolved.contains("${")) {
            return null;
        }
        try {
            return camel.getEndpoint(resolved);
        } catch (RuntimeException e) {
            return null; // reported by the loader's own URI check
        }
    }

    private static int lineOf(Object node, int fallback) {
        return node instanceof LineNumberAware l && l.getLineNumber() > 0 ? l.getLineNumber() : fallback;
    }
}
