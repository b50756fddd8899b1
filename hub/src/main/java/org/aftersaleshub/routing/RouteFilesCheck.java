package org.aftersaleshub.routing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.aftersaleshub.messaging.EventQueues;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.ops.OpsProperties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The start-up route check ({@link RouteFilesLoader}) run on a scratch Camel context that is never started: what
 * {@code java -jar hub.jar validate} and {@code POST /api/v1/admin/rules/validate} use, without a database or a
 * broker. Property placeholders resolve from the Spring environment, connector instances are the declared ones
 * (hub.connectors.*), registered but not started.
 */
public final class RouteFilesCheck {

    private RouteFilesCheck() {
    }

    /** Every problem of the route files in {@code dir} (empty when they would load). */
    public static List<RouteProblem> check(Path dir, Environment env) {
        RoutesProperties routes = Binder.get(env).bind("hub", RoutesProperties.class)
                .orElseGet(() -> new RoutesProperties(null, null));
        routes = new RoutesProperties(dir.toString(), routes.routesInclude());
        EventsProperties events = Binder.get(env).bind("hub.events", EventsProperties.class)
                .orElseGet(() -> new EventsProperties(null, null));
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            camel.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                @Override
                public String getName() {
                    return "spring-environment";
                }

                @Override
                public String getProperty(String name) {
                    return env.getProperty(name);
                }
            });
            camel.getRegistry().bind("connectorInstances", declaredInstances(env));
            DeliveryProperties delivery = new DeliveryProperties(null, null, null, null);
            RouteFilesLoader loader = new RouteFilesLoader(routes, events, new NoQueues(events),
                    new HubErrorHandling(delivery, new RetryPolicy(delivery), new HubEventCapture(),
                            new DeliveryAttempts(null)), new DeliveryContract(new DeliveryAttempts(null)));
            loader.beforeApplicationStart(camel);
            return List.of();
        } catch (RouteValidationException e) {
            return e.problems();
        } finally {
            camel.stop(); // never started: nothing to wait for
        }
    }

    /** The instances hub.connectors declares (enabled, of a known type), not started: routes may name them. */
    private static ConnectorInstances declaredInstances(Environment env) {
        ConnectorInstances instances = new ConnectorInstances();
        Map<String, Declared> declared = Binder.get(env).bind("hub.connectors",
                Bindable.mapOf(String.class, Declared.class)).orElse(Map.of());
        declared.forEach((name, d) -> {
            if (d.type() != null && !"false".equals(d.enabled()) && ConnectorInstances.NAME.matcher(name).matches()) {
                HubConnectors.byName(d.type()).ifPresent(c -> instances.register(name, c));
            }
        });
        return instances;
    }

    /** The two keys of a declaration this check reads; the connector's own keys are its business. */
    record Declared(String type, String enabled) {
    }

    /** Validation creates no broker queues. */
    private static final class NoQueues extends EventQueues {
        NoQueues(EventsProperties events) {
            super(null, events, new OpsProperties(null, null, null));
        }

        @Override
        public void ensureFiltered(Map<String, String> filterByQueue) {
            // nothing: the check never talks to a broker
        }
    }
}
