package org.aftersaleshub.routing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.messaging.EventQueues;
import org.aftersaleshub.messaging.EventsProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.spi.ComponentNameResolver;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.URISupport;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.stereotype.Component;

/**
 * Loads {@code hub.routes-dir/*.yaml} into Camel before it starts, and refuses to start on the first sign of
 * trouble with every problem named by file, line and a hint: YAML that does not parse, a route without the
 * shared route configuration or with its own error handling, an unknown component or endpoint option, an
 * undefined property placeholder. Then it creates the event queues the routes read, so no event published
 * afterwards can miss a route.
 */
@Component
public class RouteFilesLoader implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteFilesLoader.class);
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private final RoutesProperties props;
    private final EventsProperties events;
    private final EventQueues queues;
    private final HubErrorHandling errorHandling;
    private final DeliveryContract contract;

    public RouteFilesLoader(RoutesProperties props, EventsProperties events, EventQueues queues,
                            HubErrorHandling errorHandling, DeliveryContract contract) {
        this.props = props;
        this.events = events;
        this.queues = queues;
        this.errorHandling = errorHandling;
        this.contract = contract;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        camel.setSourceLocationEnabled(true);
        // every connector and HTTP endpoint, created now or at run time (toD), gets the delivery contract
        camel.getCamelContextExtension().registerEndpointCallback(contract);
        try {
            // Camel's own collector is off (it would load the route files unvalidated), so the shared route
            // configuration is added here, before any route that names it
            camel.addRoutes(errorHandling);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the " + HubErrorHandling.ID + " route configuration", e);
        }
        Path dir = Path.of(props.routesDir());
        List<RouteProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new RouteValidationException(List.of(new RouteProblem(dir.toString(), 0,
                    "the routes folder does not exist",
                    "create it, or set hub.routes-dir (env HUB_ROUTES_DIR) to the folder holding your *.yaml routes")));
        }
        List<Path> files = yamlFiles(dir).stream().filter(props::includes).toList();
        ModelCamelContext model = (ModelCamelContext) camel;
        for (Path file : files) {
            int before = model.getRouteDefinitions().size();
            try {
                Resource resource = PluginHelper.getResourceLoader(camel).resolveResource("file:" + file.toAbsolutePath());
                PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            } catch (Exception e) {
                problems.add(loadProblem(file, e));
                continue;
            }
            List<RouteDefinition> loaded = model.getRouteDefinitions().subList(before, model.getRouteDefinitions().size());
            for (RouteDefinition route : loaded) {
                validate(camel, file, route, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new RouteValidationException(problems);
        }
        // a route's JMS selector becomes its queue's filter: the broker stores only the events the route takes
        Map<String, String> routeQueues = new LinkedHashMap<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String uri = camel.resolvePropertyPlaceholders(route.getInput().getEndpointUri());
            String queue = eventQueueOf(uri);
            if (queue != null) {
                routeQueues.put(queue, selectorOf(uri));
            }
        }
        queues.ensureFiltered(routeQueues);
        log.info("Loaded {} route(s) from {} file(s) in {}; event queues: {}", model.getRouteDefinitions().size(),
                files.size(), dir, routeQueues.keySet());
    }

    /** The shared route configuration this loader adds (tests build loaders from one another). */
    HubErrorHandling errorHandlingForTest() {
        return errorHandling;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do after start
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new RouteValidationException(List.of(new RouteProblem(dir.toString(), 0,
                    "the routes folder cannot be read: " + e.getMessage(), "check its permissions")));
        }
    }

    /** A load failure as file + line + hint: the YAML parser's mark when there is one. */
    static RouteProblem loadProblem(Path file, Throwable e) {
        int line = 0;
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) {
                Mark mark = marked.getProblemMark().or(marked::getContextMark).orElse(null);
                if (mark != null) {
                    line = mark.getLine() + 1;
                }
                message = marked.getProblem() != null ? marked.getProblem() : firstLine(marked.getMessage());
                break;
            }
            if (message == null && t.getMessage() != null) {
                message = firstLine(t.getMessage());
            }
            if (line == 0 && t.getMessage() != null) {
                Matcher m = LINE.matcher(t.getMessage());
                if (m.find()) {
                    line = Integer.parseInt(m.group(1));
                }
            }
        }
        String hint = message != null && message.contains("mapping values are not allowed")
                ? "a value that contains ': ' must be quoted, e.g. simple: \"${header.x}: y\""
                : message != null && (message.contains("Unsupported field") || message.contains("unknown"))
                ? "check the key's spelling against the Camel YAML DSL (route, from, uri, parameters, steps, to, ...)"
                : "check indentation (spaces, not tabs) and that each step is a list item starting with '- '";
        return new RouteProblem(file.toString(), line, "not a valid Camel YAML route: " + message, hint);
    }

    private void validate(CamelContext camel, Path file, RouteDefinition route, List<RouteProblem> problems) {
        String id = route.getRouteId() == null ? "(no id)" : route.getRouteId();
        int routeLine = lineOf(route.getInput(), 0);
        if (route.getRouteId() == null) {
            problems.add(new RouteProblem(file.toString(), routeLine, "a route has no id",
                    "add `id: <name>` under `route:`; the id names the route in the journal and dead letters"));
        }
        if (!HubErrorHandling.ID.equals(route.getRouteConfigurationId())) {
            problems.add(new RouteProblem(file.toString(), routeLine, "route '" + id + "' does not use the shared error"
                    + " handling", "add `routeConfigurationId: " + HubErrorHandling.ID + "` under `route:`"));
        }
        if (route.getErrorHandler() != null || route.getErrorHandlerRef() != null) {
            problems.add(new RouteProblem(file.toString(), routeLine, "route '" + id + "' declares its own errorHandler",
                    "remove it: retries and dead letters come from " + HubErrorHandling.ID + " (hub.delivery.*)"));
        }
        checkUri(camel, file, route.getInput().getEndpointUri(), lineOf(route.getInput(), routeLine), false, problems);
        walk(camel, file, route.getOutputs(), routeLine, problems);
        new DeliveryContractRules(camel).check(file, route, problems);
    }

    private void walk(CamelContext camel, Path file, List<ProcessorDefinition<?>> outputs, int parentLine,
                      List<RouteProblem> problems) {
        for (ProcessorDefinition<?> step : outputs) {
            int line = lineOf(step, parentLine);
            if (step instanceof OnExceptionDefinition && !HubErrorHandling.BUDGET_WAIT_ID.equals(step.getId())) {
                problems.add(new RouteProblem(file.toString(), line, "routes may not declare onException",
                        "remove it: retries and dead letters come from " + HubErrorHandling.ID));
            } else if (step instanceof ToDynamicDefinition dyn) {
                checkUri(camel, file, dyn.getUri(), line, true, problems);
            } else if (step instanceof SendDefinition<?> send) {
                checkUri(camel, file, send.getEndpointUri(), line, false, problems);
            }
            if (step.getOutputs() != null) {
                walk(camel, file, step.getOutputs(), line, problems);
            }
        }
    }

    private void checkUri(CamelContext camel, Path file, String uri, int line, boolean dynamic,
                          List<RouteProblem> problems) {
        if (uri == null || uri.isBlank()) {
            return;
        }
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            problems.add(new RouteProblem(file.toString(), line, "endpoint '" + uri + "' uses an undefined property: "
                    + firstLine(e.getMessage()), "define the property in application.yaml or the environment, "
                    + "or fix the {{name}} spelling"));
            return;
        }
        int colon = resolved.indexOf(':');
        if (colon <= 0 || resolved.startsWith("${")) {
            return; // fully dynamic; checked when it runs
        }
        String scheme = resolved.substring(0, colon);
        if (camel.getComponent(scheme) == null) {
            problems.add(new RouteProblem(file.toString(), line, "unknown endpoint '" + uri + "': no component '"
                    + scheme + "'", suggestComponent(camel, scheme)));
            return;
        }
        if (dynamic || resolved.contains("${")) {
            return;
        }
        try {
            camel.getEndpoint(resolved);
        } catch (RuntimeException e) {
            problems.add(new RouteProblem(file.toString(), line, "endpoint '" + uri + "' is invalid: "
                    + firstLine(rootMessage(e)), "check the option names and values against the component's"
                    + " documentation; options are case-sensitive"));
        }
    }

    private static String suggestComponent(CamelContext camel, String scheme) {
        Set<String> names = new LinkedHashSet<>(camel.getCamelContextExtension()
                .getContextPlugin(ComponentNameResolver.class).resolveNames(camel));
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = names.stream().min(Comparator.comparingInt(n -> distance.apply(n, scheme))).orElse(null);
        String near = best != null && distance.apply(best, scheme) <= 2 ? "did you mean '" + best + ":'? " : "";
        return near + "components available: " + String.join(", ", names);
    }

    /** The route queue name when a route reads the events address ({@code jms:queue:<address>::<queue>}). */
    private String eventQueueOf(String uri) {
        String prefix = events.address() + "::";
        String rest = uri.replaceFirst("^jms:(//)?(queue:)?", "");
        if (rest.equals(uri) || !rest.startsWith(prefix)) {
            return null;
        }
        int q = rest.indexOf('?');
        return (q < 0 ? rest : rest.substring(0, q)).substring(prefix.length());
    }

    /** The route's {@code selector} parameter (empty when it has none). */
    static String selectorOf(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return "";
        }
        try {
            Object selector = URISupport.parseQuery(uri.substring(q + 1)).get("selector");
            return selector == null ? "" : selector.toString();
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static int lineOf(Object node, int fallback) {
        return node instanceof LineNumberAware l && l.getLineNumber() > 0 ? l.getLineNumber() : fallback;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
