package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backlog the operator can see: with the webhook receiver down, 500 accepted tickets leave the outbox at once
 * (outbox lag 0) and wait on the broker; the route queue's depth on {@code /actuator/prometheus} and the spine
 * health's backlog warning show them, readiness stays UP, and both clear once the receiver is back and the queue
 * drains.
 *
 * <p>The route retries a failed delivery in place (the consumer holds the message, unacknowledged), so with many
 * attempts and a short back-off every event stays on the queue, counted, until the receiver answers again: what the
 * depth honestly shows is the number of messages not yet acknowledged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class QueueBacklogTest {

    static final int TICKETS = 500;
    static final WebhookReceiver receiver = WebhookReceiver.withHooks("backlog");
    static final Pattern DEPTH = metric("hub_route_queue_depth");
    static final Pattern OLDEST = metric("hub_route_queue_oldest_age_seconds");
    static final Pattern CONSUMERS = metric("hub_route_queue_consumers");
    static final Pattern ACKNOWLEDGED = metric("hub_route_queue_acknowledged_total");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        receiver.register(r);
        r.add("hub.webhooks.consumers", () -> "4");
        // a delivery waits out the receiver's outage in place instead of becoming a dead letter
        r.add("hub.delivery.max-attempts", () -> "100000");
        r.add("hub.delivery.initial-backoff-ms", () -> "100");
        r.add("hub.delivery.max-backoff-ms", () -> "300");
        r.add("hub.webhooks.timeout-ms", () -> "2000");
        r.add("hub.ops.queue-sample-interval", () -> "200ms");
        r.add("hub.ops.backlog-warn-age", () -> "3s");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    ApiKeyService keys;
    @LocalServerPort
    int port;

    @Test
    void aReceiverOutageShowsAsQueueDepthAndABacklogWarningThenDrains() throws Exception {
        ApiTestClient writer = client("backlog-writer", ApiScope.TICKETS_WRITE);
        ApiTestClient scraper = client("backlog-scraper", ApiScope.METRICS_READ);
        ApiTestClient admin = client("backlog-admin", ApiScope.ADMIN);
        await().atMost(Duration.ofSeconds(30)).until(() -> value(scraper, DEPTH).isPresent());
        assertThat(value(scraper, DEPTH)).hasValue(0.0);
        assertThat(value(scraper, CONSUMERS)).hasValue(4.0);
        double acknowledgedBefore = value(scraper, ACKNOWLEDGED).orElseThrow();

        receiver.stop();
        createTickets(writer);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> value(scraper, DEPTH).orElse(-1) == TICKETS);
        JsonNode spine = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> spine(admin), s -> "WARN".equals(s.at("/details/backlog").asText()));
        System.out.printf("backlog while the receiver is down: %s%n", spine.at("/details/routeQueues"));
        assertThat(spine.get("status").asText()).as("a backlog leaves the spine UP").isEqualTo("UP");
        assertThat(spine.at("/details/outboxUnpublished").asLong()).as("the events left the outbox").isZero();
        JsonNode queue = spine.at("/details/routeQueues/outbound-webhook");
        assertThat(queue.get("depth").asLong()).isEqualTo(TICKETS);
        assertThat(queue.get("consumers").asInt()).isEqualTo(4);
        assertThat(queue.get("oldestSeconds").asDouble()).isGreaterThan(3.0);
        assertThat(spine.at("/details/backlogWarnings/0").asText()).startsWith("outbound-webhook:")
                .contains(TICKETS + " unacknowledged");
        assertThat(value(scraper, OLDEST).orElseThrow()).isGreaterThan(3.0);
        assertThat(value(scraper, ACKNOWLEDGED)).as("nothing was delivered").hasValue(acknowledgedBefore);
        ApiTestClient.Answer readiness = new ApiTestClient(port, null).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        assertThat(admin.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");

        receiver.start();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> value(scraper, DEPTH).orElse(-1) == 0);
        JsonNode drained = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> spine(admin), s -> "OK".equals(s.at("/details/backlog").asText()));
        assertThat(drained.at("/details/backlogWarnings").isMissingNode()).isTrue();
        assertThat(drained.at("/details/routeQueues/outbound-webhook/depth").asLong()).isZero();
        assertThat(value(scraper, OLDEST)).hasValue(0.0);
        assertThat(value(scraper, ACKNOWLEDGED).orElseThrow() - acknowledgedBefore).isEqualTo(TICKETS);
        assertThat(receiver.deliveriesTo("backlog").stream().map(WebhookReceiver.Delivery::eventId).distinct()
                .count()).isEqualTo(TICKETS);
    }

    private void createTickets(ApiTestClient writer) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < TICKETS; i++) {
                answers.add(clients.submit(() -> writer.post("/api/v1/tickets", ApiTestClient.ticketJson()).status()));
            }
            for (Future<Integer> a : answers) {
                assertThat(a.get()).isEqualTo(201);
            }
        } finally {
            clients.shutdown();
        }
    }

    private ApiTestClient client(String name, ApiScope scope) {
        return new ApiTestClient(port, keys.create(name, List.of(scope), "test").key());
    }

    private static JsonNode spine(ApiTestClient admin) {
        return admin.get("/actuator/health/spine").json();
    }

    private static OptionalDouble value(ApiTestClient scraper, Pattern metric) {
        ApiTestClient.Answer a = scraper.get("/actuator/prometheus");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Matcher m = metric.matcher(a.body());
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    private static Pattern metric(String name) {
        return Pattern.compile("(?m)^" + name + "\\{[^}]*queue=\"outbound-webhook\"[^}]*} (\\S+)$");
    }
}
