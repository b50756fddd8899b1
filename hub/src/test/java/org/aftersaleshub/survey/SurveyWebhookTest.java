package org.aftersaleshub.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.testsupport.WebhookReceiver.Delivery;
import org.aftersaleshub.timers.MovableClock;
import org.aftersaleshub.timers.TimerScanner;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The satisfaction survey as a receiver of the outbound webhook sees it: {@code hub.survey.delay} after RESOLVED
 * (the clock moved, no sleeping) exactly one signed {@code SurveyRequested} with the survey link; the link's page
 * takes one score, which lands on the ticket; the same link again is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyWebhookTest extends ApiTestSupport {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("sms");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        receiver.register(r);
        r.add("hub.clock.test-offset", () -> "0s");
        // the test scans at the moments it chooses
        r.add("hub.timers.scan-interval", () -> "1h");
        r.add("hub.timers.late-after", () -> "10m");
        r.add("hub.survey.delay", () -> "6h");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void sixHoursAfterResolvedTheReceiverGetsOneSignedSurveyLinkWhosePageTakesOneScore() throws Exception {
        ApiTestClient api = writer();
        Answer created = api.post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}");
        for (String s : List.of("ACCEPTED", "IN_PROGRESS", "RESOLVED")) {
            assertThat(api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"" + s + "\"}").status())
                    .isEqualTo(200);
        }
        // the RESOLVED event reached the receiver: what follows is about the survey only
        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("TicketStatusChanged"));

        MovableClock clock = (MovableClock) bean(Clock.class);
        TimerScanner scanner = bean(TimerScanner.class);
        clock.advance(Duration.ofHours(5).plusMinutes(59));
        scanner.scan();
        clock.advance(Duration.ofMinutes(2));
        scanner.scan();
        scanner.scan();

        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("SurveyRequested"));
        // exactly one, and it stays one
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                surveys(id).size() == 1);
        Delivery d = surveys(id).get(0);
        assertThat(d.signatureValid()).as("the receiver verifies the hub's HMAC signature").isTrue();
        JsonNode body = mapper.readTree(d.body());
        String link = body.findValue("link").asText();
        assertThat(link).contains("/survey/");
        assertThat(body.findValue("customerId").asText()).isNotBlank();
        assertThat(body.findValue("late").asBoolean()).isFalse();

        String path = link.substring(link.indexOf("/survey/"));
        ApiTestClient customer = anonymous();
        assertThat(customer.get(path).body()).contains("请为本次服务打分");
        assertThat(form(customer, path, "score=5&comment=%E5%BE%88%E5%BF%AB").status()).isEqualTo(303);
        assertThat(api.get("/api/v1/tickets/" + id).json().get("satisfactionScore").asInt()).isEqualTo(5);

        Answer replay = form(customer, path, "score=1&comment=replay");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("您已评价过");
        assertThat(api.get("/api/v1/tickets/" + id).json().get("satisfactionScore").asInt()).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'SurveyAnswered'", Long.class, id)).isOne();
        // a tampered link opens nothing
        String forged = path.substring(0, path.length() - 4) + (path.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(form(customer, forged, "score=3").status()).isEqualTo(404);
    }

    List<String> types(String ticketId) {
        return receiver.deliveriesTo("sms", ticketId).stream().map(Delivery::type).toList();
    }

    List<Delivery> surveys(String ticketId) {
        return receiver.deliveriesTo("sms", ticketId).stream().filter(d -> d.type().equals("SurveyRequested"))
                .toList();
    }

    Answer form(ApiTestClient client, String path, String body) {
        return client.send(client.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
