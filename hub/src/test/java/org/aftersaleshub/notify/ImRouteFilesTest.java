package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.aftersaleshub.messaging.EventQueues;
import org.aftersaleshub.ops.OpsProperties;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.routing.HubErrorHandling;
import org.aftersaleshub.routing.RouteFilesLoader;
import org.aftersaleshub.routing.RouteProblem;
import org.aftersaleshub.routing.RouteValidationException;
import org.aftersaleshub.routing.RoutesProperties;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped routes/im-*.yaml pass the route loader as they are, and the loader still refuses an edited copy with
 * file, line and a hint.
 */
class ImRouteFilesTest {

    static final Path ROUTES = Path.of("../routes");

    @TempDir
    Path dir;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final EventsProperties events = new EventsProperties("hub.events", 2);
    Collection<String> ensured;
    Map<String, String> filters;

    @AfterEach
    void close() {
        camel.stop();
    }

    RouteFilesLoader loader() {
        camel.getPropertiesComponent().addInitialProperty("hub.events.address", "hub.events");
        camel.getPropertiesComponent().addInitialProperty("hub.events.consumers", "2");
        camel.getPropertiesComponent().addInitialProperty("hub.notify.alerts.queue", "hub.it-alerts");
        camel.addComponent("jms", new JmsComponent());
        DeliveryProperties delivery = new DeliveryProperties(3, 10L, 2.0, 100L);
        EventQueues queues = new EventQueues(null, events, new OpsProperties(null, null, null)) {
            @Override
            public void ensureFiltered(Map<String, String> filterByQueue) {
                ensured = filterByQueue.keySet();
                filters = filterByQueue;
            }
        };
        return new RouteFilesLoader(new RoutesProperties(dir.toString(), null), events, queues,
                new HubErrorHandling(delivery, new RetryPolicy(delivery), new HubEventCapture(),
                        new DeliveryAttempts(null)), new DeliveryContract(new DeliveryAttempts(null)));
    }

    void copy(String file) throws IOException {
        Files.copy(ROUTES.resolve(file), dir.resolve(file));
    }

    @Test
    void theShippedImRoutesLoadAndReadTheirOwnQueues() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(ROUTES)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("im-") && n.endsWith(".yaml"))
                    .sorted().toList();
        }
        assertThat(files).containsExactly("im-alerts.yaml", "im-cards.yaml", "im-notifications.yaml",
                "im-waiting.yaml");
        for (String f : files) {
            copy(f);
        }
        loader().beforeApplicationStart(camel);
        assertThat(camel.getRouteDefinitions()).extracting(r -> r.getRouteId()).containsExactlyInAnyOrder(
                "im-ticket-assigned", "im-sla", "im-part-deduction-failed", "im-stock-low", "im-it-alerts",
                "im-card-updates", "im-waiting-drain", "im-dispatch-unmatched", "im-survey-low");
        // the IT alerts have a queue of their own, off the events address; the drain runs on a timer
        assertThat(ensured).containsExactlyInAnyOrder("im-ticket-assigned", "im-sla", "im-part-deduction-failed",
                "im-stock-low", "im-card-updates", "im-dispatch-unmatched", "im-survey-low");
        // each queue stores only the events its route takes
        assertThat(filters).containsEntry("im-ticket-assigned", "hubEventType = 'TicketAssigned'")
                .containsEntry("im-dispatch-unmatched", "hubEventType = 'DispatchUnmatched'")
                .containsEntry("im-sla", "hubEventType IN ('SlaWarning', 'SlaBreached')")
                .containsEntry("im-survey-low", "hubEventType = 'SurveyAnswered'")
                .allSatisfy((queue, filter) -> assertThat(filter).as(queue).startsWith("hubEventType"));
    }

    @Test
    void aMisspeltConnectorInAnEditedCopyIsRefusedWithFileLineAndTheRightName() throws IOException {
        String yaml = Files.readString(ROUTES.resolve("im-notifications.yaml"));
        int line = (int) yaml.substring(0, yaml.indexOf("uri: \"wecom:${header.hubImInstance}\"")).chars()
                .filter(c -> c == '\n').count() + 1;
        Files.writeString(dir.resolve("im-notifications.yaml"), yaml.replaceFirst(
                "uri: \"wecom:\\$\\{header.hubImInstance}\"", "uri: \"wecomm:\\${header.hubImInstance}\""));
        List<RouteProblem> problems = problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("im-notifications.yaml");
            assertThat(p.line()).isBetween(line - 1, line);
            assertThat(p.problem()).contains("unknown endpoint 'wecomm:");
            assertThat(p.hint()).contains("did you mean 'wecom:'");
        });
    }

    @Test
    void aCopyWithoutTheSharedErrorHandlingIsRefused() throws IOException {
        String yaml = Files.readString(ROUTES.resolve("im-alerts.yaml"));
        Files.writeString(dir.resolve("im-alerts.yaml"), yaml.replaceFirst(
                "    routeConfigurationId: hub-error-handling\n", ""));
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("im-alerts.yaml");
            assertThat(p.line()).isPositive();
            assertThat(p.problem()).contains("im-stock-low").contains("does not use the shared error handling");
            assertThat(p.hint()).contains("routeConfigurationId: hub-error-handling");
        });
    }

    List<RouteProblem> problems() {
        Throwable e = catchThrowable(() -> loader().beforeApplicationStart(camel));
        assertThat(e).as("the loader must refuse the file").isInstanceOf(RouteValidationException.class);
        return ((RouteValidationException) e).problems();
    }
}
