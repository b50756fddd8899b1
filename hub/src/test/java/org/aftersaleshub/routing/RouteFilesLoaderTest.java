package org.aftersaleshub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.aftersaleshub.ops.OpsProperties;
import java.util.List;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.messaging.EventQueues;
import org.aftersaleshub.messaging.EventsProperties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guarantee 6 (routes): a bad YAML route is rejected before start with file, line and a hint. */
class RouteFilesLoaderTest {

    @TempDir
    Path dir;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final EventsProperties events = new EventsProperties("hub.events", 2);
    final RecordingQueues queues = new RecordingQueues(events);

    static final class RecordingQueues extends EventQueues {
        Collection<String> ensured;
        Map<String, String> filters;

        RecordingQueues(EventsProperties events) {
            super(null, events, new OpsProperties(null, null, null));
        }

        @Override
        public void ensureFiltered(Map<String, String> filterByQueue) {
            filters = filterByQueue;
            ensured = filterByQueue.keySet();
        }
    }

    @AfterEach
    void close() {
        camel.stop();
    }

    private RouteFilesLoader loader() {
        camel.getPropertiesComponent().addInitialProperty("hub.events.address", "hub.events");
        DeliveryProperties delivery = new DeliveryProperties(3, 10L, 2.0, 100L);
        return new RouteFilesLoader(new RoutesProperties(dir.toString(), null), events, queues,
                new HubErrorHandling(delivery, new RetryPolicy(delivery), new HubEventCapture(),
                        new DeliveryAttempts(null)), new DeliveryContract(new DeliveryAttempts(null)));
    }

    private List<RouteProblem> problemsOf(String file, String yaml) throws Exception {
        Files.writeString(dir.resolve(file), yaml);
        RouteValidationException e = (RouteValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> loader().beforeApplicationStart(camel));
        assertThat(e).as("the loader must refuse the file").isNotNull();
        return e.problems();
    }

    @Test
    void aValidRouteLoadsAndItsEventQueueIsCreated() throws Exception {
        Files.writeString(dir.resolve("ok.yaml"), """
                - route:
                    id: ok
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "jms:queue:{{hub.events.address}}::ok-queue"
                      steps:
                        - log: "got ${body}"
                """);
        camel.addComponent("jms", new org.apache.camel.component.jms.JmsComponent());
        loader().beforeApplicationStart(camel);
        assertThat(camel.getRouteDefinitions()).extracting(r -> r.getRouteId()).containsExactly("ok");
        assertThat(queues.ensured).containsExactly("ok-queue");
        assertThat(queues.filters).containsEntry("ok-queue", "");
    }

    @Test
    void aRoutesSelectorBecomesItsQueuesFilter() throws Exception {
        Files.writeString(dir.resolve("parts.yaml"), """
                - route:
                    id: parts
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "jms:queue:{{hub.events.address}}::parts-queue"
                      parameters:
                        selector: "hubEventType IN ('PartConsumed', 'PartReturned')"
                      steps:
                        - log: "got ${body}"
                """);
        camel.addComponent("jms", new org.apache.camel.component.jms.JmsComponent());
        loader().beforeApplicationStart(camel);
        assertThat(queues.filters).containsExactly(
                Map.entry("parts-queue", "hubEventType IN ('PartConsumed', 'PartReturned')"));
    }

    @Test
    void yamlThatDoesNotParseNamesFileAndLine() throws Exception {
        List<RouteProblem> problems = problemsOf("broken.yaml", """
                - route:
                    id: broken
                    from:
                      uri: "timer:x"
                      steps:
                        - log: "a"
                       - log: "b"
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("broken.yaml");
            assertThat(p.line()).isBetween(6, 7);
            assertThat(p.hint()).isNotBlank();
        });
    }

    @Test
    void unknownComponentIsNamedWithASuggestion() throws Exception {
        List<RouteProblem> problems = problemsOf("typo.yaml", """
                - route:
                    id: typo
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - to: "lgo:out"
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.problem()).contains("unknown endpoint 'lgo:out'");
            assertThat(p.hint()).contains("did you mean 'log:'");
        });
    }

    @Test
    void routesMustUseTheSharedErrorHandlingAndNotTheirOwn() throws Exception {
        List<RouteProblem> problems = problemsOf("own.yaml", """
                - route:
                    id: own
                    from:
                      uri: "timer:tick"
                      steps:
                        - onException:
                            exception:
                              - java.lang.Exception
                            steps:
                              - log: "oops"
                        - log: "tick"
                """);
        assertThat(problems).extracting(RouteProblem::problem).anySatisfy(m -> assertThat(m)
                .contains("does not use the shared error handling"));
        assertThat(problems).extracting(RouteProblem::hint).anySatisfy(h -> assertThat(h)
                .contains("routeConfigurationId: hub-error-handling"));
    }

    @Test
    void undefinedPropertyAndBadOptionAreReported() throws Exception {
        List<RouteProblem> problems = problemsOf("props.yaml", """
                - route:
                    id: props
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick?peroid=1000"
                      steps:
                        - to: "log:{{no.such.property}}"
                """);
        assertThat(problems).extracting(RouteProblem::problem)
                .anySatisfy(m -> assertThat(m).contains("timer:tick?peroid=1000").contains("peroid"))
                .anySatisfy(m -> assertThat(m).contains("no.such.property"));
    }

    @Test
    void missingFolderIsNamedWithTheKeyToSet() {
        assertThatThrownBy(() -> new RouteFilesLoader(new RoutesProperties(dir.resolve("nope").toString(), null), events,
                queues, loader().errorHandlingForTest(), new DeliveryContract(new DeliveryAttempts(null)))
                .beforeApplicationStart(camel))
                .isInstanceOf(RouteValidationException.class).hasMessageContaining("hub.routes-dir");
    }

    @Test
    void failureAnalysisShowsFileLineAndHintWithoutAStackTrace() throws Exception {
        List<RouteProblem> problems = problemsOf("typo.yaml", """
                - route:
                    id: typo
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - to: "lgo:out"
                """);
        var analysis = new RouteValidationFailureAnalyzer().analyze(new RouteValidationException(problems));
        assertThat(analysis.getDescription()).contains("typo.yaml:7").contains("lgo:out");
        assertThat(analysis.getAction()).contains("did you mean 'log:'");
        assertThat(new RouteValidationException(problems).getStackTrace()).isEmpty();
    }

    // ------------------------------------------------------------------ the delivery contract (issue 9)

    @Test
    void anExternalCallInsideAWireTapIsRefusedWithItsLine() throws Exception {
        List<RouteProblem> problems = problemsOf("tap.yaml", """
                - route:
                    id: tap
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - log: "tick"
                        - wireTap:
                            uri: "http://audit.example.com/hook"
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("tap.yaml");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.problem()).contains("http://audit.example.com/hook").contains("wireTap")
                    .contains("outside the delivery contract");
            assertThat(p.hint()).contains("to:");
        });
    }

    @Test
    void aDynamicCallInsideDoTryIsRefused() throws Exception {
        List<RouteProblem> problems = problemsOf("try.yaml", """
                - route:
                    id: try
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - doTry:
                            steps:
                              - toD: "${header.hubErpType}:${header.hubErpInstance}?operation=deduct"
                            doCatch:
                              - exception:
                                  - java.lang.Exception
                                steps:
                                  - log: "swallowed"
                """);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.problem()).contains("doTry").contains("outside the delivery contract");
        });
    }

    @Test
    void httpThatIgnoresFailuresIsRefused() throws Exception {
        List<RouteProblem> problems = problemsOf("quiet.yaml", """
                - route:
                    id: quiet
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - to: "http://receiver.example.com/hook?throwExceptionOnFailure=false"
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.problem()).contains("throwExceptionOnFailure=false");
        });
    }

    @Test
    void aRemoteEndpointTheContractDoesNotCoverIsRefused() throws Exception {
        camel.addComponent("acme", new RemoteOnlyComponent());
        List<RouteProblem> problems = problemsOf("acme.yaml", """
                - route:
                    id: acme
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - to: "acme:orders"
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.problem()).contains("acme:orders").contains("outside the delivery contract");
            assertThat(p.hint()).contains("connector instance");
        });
    }

    @Test
    void aConnectorEndpointNamingAnUndeclaredInstanceIsRefusedWithASuggestion() throws Exception {
        org.aftersaleshub.connector.camel.ConnectorInstances instances =
                new org.aftersaleshub.connector.camel.ConnectorInstances();
        // any installed ERP type: the hub names none (the first fixture's)
        String type = org.aftersaleshub.testsupport.ErpInstances.fixtures().get(0).type();
        instances.register("erp-sh", org.aftersaleshub.connector.HubConnectors.byName(type).orElseThrow());
        camel.getRegistry().bind("connectorInstances", instances);
        List<RouteProblem> problems = problemsOf("erp.yaml", """
                - route:
                    id: erp
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:tick"
                      steps:
                        - to: "%1$s:erp-hs?operation=deduct"
                        - to: "%1$s:erp-sh?operation=deduc"
                """.formatted(type));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.problem()).contains("no connector instance named 'erp-hs'")
                    .contains("did you mean 'erp-sh'");
        }).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.problem()).contains("did you mean 'deduct'");
        });
    }

    /** A component whose endpoints reach another system (isRemote) and that the delivery contract does not know. */
    static final class RemoteOnlyComponent extends org.apache.camel.support.DefaultComponent {
        @Override
        protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining,
                                                           java.util.Map<String, Object> parameters) {
            return new org.apache.camel.support.DefaultEndpoint(uri, this) {
                @Override
                public org.apache.camel.Producer createProducer() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean isRemote() {
                    return true;
                }
            };
        }
    }
}
