package org.aftersaleshub.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.testsupport.EventFactory;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Guarantee 4: bounded retries, then a visible dead letter with the original message; replay delivers it once,
 * with the same idempotency key, to the one receiver that failed, and the audit log names who replayed it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayTest {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("good", "flaky");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.delivery.max-attempts", () -> "3");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        receiver.register(r);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DeadLetterService deadLetters;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.jms.core.JmsTemplate jms;
    @Autowired
    ApiKeyService keys;
    @LocalServerPort
    int port;

    @BeforeEach
    void healthyReceiver() {
        receiver.answer(200, 0);
    }

    @Test
    void failingReceiverEndsAsDeadLetterAndReplayDeliversOnceWithTheSameKey() {
        receiver.answer("flaky", 500);
        String ticket = UUID.randomUUID().toString();
        EventEnvelope event = new EventFactory(outbox, tx).statusChange(ticket, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersOf(ticket).size() == 1);
        DeadLetter dead = deadLettersOf(ticket).get(0);
        String published = jdbc.queryForObject("select payload from outbox where event_id = ?", String.class,
                event.eventId());
        assertThat(dead.payload()).as("original message").isEqualTo(published);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.routeId()).isEqualTo("outbound-webhook");
        assertThat(dead.target()).isEqualTo("flaky");
        assertThat(dead.idempotencyKey()).isEqualTo(event.eventId());
        assertThat(dead.error()).contains("HTTP 500");
        assertThat(dead.status()).isEqualTo(DeadLetter.OPEN);
        assertThat(receiver.deliveriesTo("good", ticket)).hasSize(1);
        assertThat(receiver.deliveriesTo("flaky", ticket)).isEmpty();
        // the store writes the dead letter, then its DEAD_LETTER journal row: wait for the second write
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select outcome from delivery_journal where event_id = ? and target = 'flaky' order by id",
                String.class, event.eventId())).containsExactly("FAILED", "FAILED", "FAILED", "DEAD_LETTER"));

        receiver.answer("flaky", 200);
        deadLetters.replay(dead.id(), "ops-alice");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("flaky", ticket).size() == 1);
        WebhookReceiver.Delivery replayed = receiver.deliveriesTo("flaky", ticket).get(0);
        assertThat(replayed.idempotencyKey()).isEqualTo(event.eventId());
        assertThat(replayed.body()).isEqualTo(published);
        assertThat(replayed.signatureValid()).isTrue();
        assertThat(receiver.deliveriesTo("good", ticket)).as("replay reaches only the receiver that failed").hasSize(1);
        assertThat(deadLetters.get(dead.id()).orElseThrow().status()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(audit.recent("dead-letter.replay", 10)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops-alice");
            assertThat(e.target()).isEqualTo("dead-letter/" + dead.id());
            assertThat(e.detail()).contains(event.eventId());
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.deliveriesTo("flaky", ticket).size() == 1);
    }

    @Test
    void aReceiverThatRecoversWithinTheAttemptsGetsTheEventOnceAndTheJournalShowsEveryAttempt() {
        receiver.failTimes("flaky", 2, 502);
        String ticket = UUID.randomUUID().toString();
        EventEnvelope event = new EventFactory(outbox, tx).statusChange(ticket, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveriesTo("flaky", ticket).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForList("select outcome from delivery_journal"
                + " where event_id = ? and target = 'flaky' order by id", String.class, event.eventId()),
                outcomes -> outcomes.equals(List.of("FAILED", "FAILED", "SUCCESS")));
        assertThat(jdbc.queryForList("select attempt from delivery_journal where event_id = ? and target = 'flaky'"
                + " order by id", Integer.class, event.eventId())).containsExactly(1, 2, 3);
        assertThat(deadLettersOf(ticket)).isEmpty();
    }

    @Test
    void aReceiverRefusingTheMessageIsNotRetried(CapturedOutput output) {
        receiver.answer("flaky", 422);
        String ticket = UUID.randomUUID().toString();
        EventEnvelope event = new EventFactory(outbox, tx).statusChange(ticket, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersOf(ticket).size() == 1);
        assertThat(deadLettersOf(ticket).get(0).attempts()).isEqualTo(1);
        assertThat(deadLettersOf(ticket).get(0).error()).contains("HTTP 422").contains("receiver says no");
        // the log line of the dead letter names the ticket and the event it is about
        assertThat(output.getAll().lines().filter(l -> l.contains("Dead letter:") && l.contains("flaky")))
                .anySatisfy(l -> assertThat(l).contains("ticket=" + ticket).contains("event=" + event.eventId()));
    }

    @Test
    void bulkReplayByFilterReplaysEveryOpenDeadLetterOfTheTarget() {
        receiver.answer("flaky", 503);
        String ticket = UUID.randomUUID().toString();
        EventFactory events = new EventFactory(outbox, tx);
        events.statusChange(ticket, 1);
        events.statusChange(ticket, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersOf(ticket).size() == 2);

        receiver.answer("flaky", 200);
        List<Long> ids = deadLetters.replayMatching(new DeadLetterFilter(null, "outbound-webhook", "flaky", null,
                ticket, null, null), "ops-bob", 100);

        assertThat(ids).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveries().stream()
                .filter(d -> ticket.equals(d.ticketId()) && d.path().endsWith("flaky")).count() == 2);
        assertThat(receiver.sequencesOf(ticket)).containsExactly(1L, 2L, 1L, 2L);
        assertThat(audit.recent("dead-letter.bulk-replay", 5)).anySatisfy(e -> assertThat(e.actor()).isEqualTo("ops-bob"));
    }

    @Test
    void aMessageTheBrokerGaveUpOnBecomesAReplayableDeadLetter() {
        String ticket = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String body = "{\"eventId\":\"" + eventId + "\",\"type\":\"TicketStatusChanged\",\"modelVersion\":\"1.0\","
                + "\"occurredAt\":\"2026-11-22T08:00:00Z\",\"ticketId\":\"" + ticket + "\",\"sequence\":1,\"data\":{}}";
        jms.send("hub.dlq", session -> {
            var m = session.createTextMessage(body);
            m.setStringProperty("_AMQ_ORIG_ADDRESS", "hub.events");
            m.setStringProperty("_AMQ_ORIG_QUEUE", "outbound-webhook");
            m.setStringProperty("hubEventId", eventId);
            m.setStringProperty("hubTicketId", ticket);
            m.setStringProperty("hubEventType", "TicketStatusChanged");
            return m;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersOf(ticket).size() == 1);
        DeadLetter dead = deadLettersOf(ticket).get(0);
        assertThat(dead.sourceQueue()).isEqualTo("hub.events::outbound-webhook");
        assertThat(dead.payload()).isEqualTo(body);
        assertThat(dead.error()).contains("broker gave up");

        deadLetters.replay(dead.id(), "ops-carol");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("good", ticket).size() == 1);
        assertThat(receiver.deliveriesTo("good", ticket).get(0).idempotencyKey()).isEqualTo(eventId);
    }

    @Test
    void theApiListsDeadLettersAndReplaysThemInTheNameOfTheCallersKey() throws Exception {
        receiver.answer("flaky", 500);
        String ticket = UUID.randomUUID().toString();
        EventEnvelope event = new EventFactory(outbox, tx).statusChange(ticket, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersOf(ticket).size() == 1);
        String admin = keys.create("ops-dave", List.of(ApiScope.ADMIN), "test").key();
        String reader = keys.create("reader", List.of(ApiScope.TICKETS_READ), "test").key();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/dead-letters?status=OPEN&ticketId=" + ticket)).header("Authorization", "Bearer " + admin)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode page = new ObjectMapper().readTree(list.body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        long id = page.get("items").get(0).get("id").asLong();
        assertThat(page.get("items").get(0).get("idempotencyKey").asText()).isEqualTo(event.eventId());

        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/dead-letters/" + id + "/replay")).header("Authorization", "Bearer " + reader)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);

        receiver.answer("flaky", 200);
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/dead-letters/" + id + "/replay")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("flaky", ticket).size() == 1);
        assertThat(audit.recent("dead-letter.replay", 20)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops-dave");
            assertThat(e.target()).isEqualTo("dead-letter/" + id);
        });
    }

    private List<DeadLetter> deadLettersOf(String ticket) {
        return deadLetters.list(new DeadLetterFilter(null, null, null, null, ticket, null, null), 0, 50).items();
    }
}
