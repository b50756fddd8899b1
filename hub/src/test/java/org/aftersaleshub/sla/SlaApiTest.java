package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Deadlines by the shipped policies over HTTP, POST /priority, labels and the SLA view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlaApiTest extends ApiTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        r.add("hub.rules.dir", () -> "../rules");
        r.add("hub.timers.scan-interval", () -> "1h");
        // the survey is due at once, so the page can be tried without moving a clock
        r.add("hub.survey.delay", () -> "0s");
    }

    String create(ApiTestClient api) {
        Answer a = api.post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    static Instant at(JsonNode n, String field) {
        return Instant.parse(n.get(field).asText());
    }

    List<String> keys(JsonNode sla, String state) {
        List<String> out = new ArrayList<>();
        sla.get("timers").forEach(t -> {
            if (t.get("state").asText().equals(state)) {
                out.add(t.get("key").asText());
            }
        });
        return out;
    }

    @Test
    void aHighTicketGetsThePolicysDeadlinesAndTimersAndAPriorityChangeRecomputesThem() {
        ApiTestClient api = writer();
        String id = create(api);
        JsonNode t = api.get("/api/v1/tickets/" + id).json();
        Instant created = at(t, "createdAt");
        assertThat(at(t, "responseDueAt")).isEqualTo(created.plus(Duration.ofHours(2)));
        assertThat(at(t, "resolutionDueAt")).isEqualTo(created.plus(Duration.ofDays(1)));
        JsonNode sla = api.get("/api/v1/tickets/" + id + "/sla").json();
        assertThat(sla.get("policy").asText()).isEqualTo("high");
        assertThat(keys(sla, "PENDING")).contains("response:warning", "response:1", "response:2",
                "resolution:warning", "resolution:1", "rule:high-pending-2h", "rule:unaccepted-30m");

        Answer urgent = api.post("/api/v1/tickets/" + id + "/priority", "{\"priority\":\"URGENT\",\"reason\":\"停产\"}");
        assertThat(urgent.status()).as(urgent.body()).isEqualTo(200);
        assertThat(urgent.json().get("priority").asText()).isEqualTo("URGENT");
        assertThat(at(urgent.json(), "responseDueAt")).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(at(urgent.json(), "resolutionDueAt")).isEqualTo(created.plus(Duration.ofHours(8)));
        assertThat(api.post("/api/v1/tickets/" + id + "/priority", "{\"priority\":\"URGENT\"}").status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketPriorityChanged'", Long.class, id)).isOne();
        assertThat(api.get("/api/v1/tickets/" + id + "/sla").json().get("policy").asText()).isEqualTo("urgent");
    }

    @Test
    void acceptingEndsTheResponseTimersAndCancellingEndsThemAll() {
        ApiTestClient api = writer();
        String id = create(api);
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}");
        api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ACCEPTED\"}");
        JsonNode sla = api.get("/api/v1/tickets/" + id + "/sla").json();
        assertThat(keys(sla, "PENDING")).containsExactlyInAnyOrder("resolution:warning", "resolution:1",
                "resolution:2");
        api.post("/api/v1/tickets/" + id + "/cancel", "{}");
        assertThat(keys(api.get("/api/v1/tickets/" + id + "/sla").json(), "PENDING")).isEmpty();
        Answer refused = api.post("/api/v1/tickets/" + id + "/priority", "{\"priority\":\"LOW\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void labelsArePutOnceAndShown() {
        ApiTestClient api = writer();
        String id = create(api);
        Answer first = api.post("/api/v1/tickets/" + id + "/labels", "{\"label\":\"紧急预警\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        api.post("/api/v1/tickets/" + id + "/labels", "{\"label\":\"紧急预警\"}");
        assertThat(api.get("/api/v1/tickets/" + id + "/labels").json()).hasSize(1);
        assertThat(api.get("/api/v1/tickets/" + id + "/sla").json().get("labels").get(0).asText())
                .isEqualTo("紧急预警");
        // the ticket itself carries them, alone and in a list page; a ticket without labels an empty array
        api.post("/api/v1/tickets/" + id + "/labels", "{\"label\":\"客户投诉\"}");
        JsonNode ticket = api.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("labels").toString()).isEqualTo("[\"紧急预警\",\"客户投诉\"]");
        String other = create(api);
        assertThat(api.get("/api/v1/tickets/" + other).json().get("labels").isArray()).isTrue();
        assertThat(api.get("/api/v1/tickets/" + other).json().get("labels")).isEmpty();
        JsonNode page = api.get("/api/v1/tickets?size=200").json().get("items");
        List<String> seen = new ArrayList<>();
        page.forEach(t -> {
            if (t.get("id").asText().equals(id)) {
                t.get("labels").forEach(l -> seen.add(l.asText()));
            } else if (t.get("id").asText().equals(other)) {
                assertThat(t.get("labels")).isEmpty();
            }
        });
        assertThat(seen).containsExactly("紧急预警", "客户投诉");
        // the document describes the field
        assertThat(api.get("/v3/api-docs").json().at("/components/schemas/TicketView/properties/labels/type")
                .asText()).isEqualTo("array");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        ApiTestClient api = writer();
        String id = create(api);
        Answer badPriority = api.post("/api/v1/tickets/" + id + "/priority", "{\"priority\":\"SUPER\"}");
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(badPriority.contentType()).startsWith("application/problem+json");
        assertThat(badPriority.body()).contains("priority");
        Answer longLabel = api.post("/api/v1/tickets/" + id + "/labels", "{\"label\":\"" + "很".repeat(33) + "\"}");
        assertThat(longLabel.status()).isEqualTo(400);
        assertThat(longLabel.body()).contains("\"field\":\"label\"");
        Answer noTicket = api.get("/api/v1/tickets/" + java.util.UUID.randomUUID() + "/sla");
        assertThat(noTicket.status()).isEqualTo(404);
        Answer readOnly = client("reader", org.aftersaleshub.security.ApiScope.TICKETS_READ)
                .post("/api/v1/tickets/" + id + "/labels", "{\"label\":\"x\"}");
        assertThat(readOnly.status()).isEqualTo(403);
    }

    @Test
    void theSurveyPageTakesOneScoreFromTheSignedLinkAndRefusesOthers() {
        ApiTestClient api = writer();
        String id = create(api);
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}");
        for (String s : List.of("ACCEPTED", "IN_PROGRESS", "RESOLVED")) {
            api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"" + s + "\"}");
        }
        bean(org.aftersaleshub.timers.TimerScanner.class).scan();
        String payload = jdbc.queryForObject("select payload from outbox where ticket_id = ? and event_type = "
                + "'SurveyRequested'", String.class, id);
        String link = payload.replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
        String path = link.substring(link.indexOf("/survey/"));

        ApiTestClient customer = anonymous();
        Answer page = customer.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("请为本次服务打分");
        assertThat(form(customer, path, "score=6").status()).isEqualTo(400);
        assertThat(form(customer, path, "score=4&comment=%E5%BE%88%E5%A5%BD").status()).isEqualTo(303);
        assertThat(customer.get(path).body()).contains("感谢您对工单");
        assertThat(api.get("/api/v1/tickets/" + id).json().get("satisfactionScore").asInt()).isEqualTo(4);
        // the same link again: refused (409), the first score stands
        Answer replay = form(customer, path, "score=1");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("您已评价过");
        assertThat(api.get("/api/v1/tickets/" + id).json().get("satisfactionScore").asInt()).isEqualTo(4);
        assertThat(customer.get(path.substring(0, path.length() - 3) + "AAA").status()).isEqualTo(404);
    }

    Answer form(ApiTestClient client, String path, String body) {
        return client.send(client.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
