package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 接单 / 到场 / 完成 end to end through the shipped routes, as the embedded default runs them: an assignment through
 * the API → routes/im-notifications.yaml sends the card (hub.notify.cards) → the mock's admin API clicks as a person
 * (the README's curl) → the mock signs and posts the click to /callbacks → the ticket moves → routes/im-cards.yaml
 * updates the card. Everything asserted is what the mock ended up with: the card, its updates, the clicks' answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CardsThroughRoutesTest extends ApiTestSupport {

    static final ImMocks im = ImMocks.start();
    static final int PORT = freePort();
    static final String API_SECRET = "card-api-secret-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        im.register(r);
        r.add("server.port", () -> PORT);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml,im-cards.yaml,im-waiting.yaml");
        r.add("hub.notify.cards", () -> "true");
        String d = "hub.connectors." + ImMocks.DINGTALK + ".";
        r.add(d + "callback-url", () -> "http://127.0.0.1:" + PORT + "/callbacks/dingtalk/" + ImMocks.DINGTALK);
        r.add(d + "api-secret", () -> API_SECRET);
        r.add(d + "card-template-id", () -> "aftersales-ticket.schema");
        String w = "hub.callbacks.instances." + ImMocks.WECOM + ".";
        r.add(w + "token", () -> "aftersalesWeComToken");
        r.add(w + "aes-key", () -> "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB");
        r.add("hub.callbacks.poll-interval", () -> "100ms");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        im.weCom().settings().callback.url = "http://127.0.0.1:" + PORT + "/callbacks/wecom/" + ImMocks.WECOM;
        assertThat(dataDir).exists();
    }

    @AfterAll
    static void stop() {
        im.close();
    }

    ApiTestClient admin;
    ApiTestClient writer;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void clients() {
        admin = client("cards-admin", ApiScope.ADMIN);
        writer = writer();
    }

    // ------------------------------------------------------------------ DingTalk

    @Test
    void dingTalkAssigneeAcceptsArrivesAndCompletesFromTheCardAnotherPersonChangesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String zhang = person("张三", "DINGTALK", "ding_user_007", null, tag);
        person("李四", "DINGTALK", "ding_user_010", null, tag);
        String[] ticket = assignedTicket(zhang);
        String id = ticket[0];

        JsonNode card = awaitCard(id, () -> dingTalkCardOf(ticket[1]));
        String outTrackId = card.path("outTrackId").asText();
        assertThat(card.path("openSpaceId").asText()).endsWith("IM_ROBOT.ding_user_007");
        assertThat(card.path("callbackType").asText()).isEqualTo("HTTP");
        assertThat(card.path("cardData").path("cardParamMap").path("status").asText()).isEqualTo("待接单");

        // someone else presses 接单: the click is answered, the ticket stays ASSIGNED, the card says why
        JsonNode byOther = dingTalkClick(outTrackId, "ding_user_010", "accept");
        assertThat(byOther.path("accepted").asBoolean()).as(byOther.toString()).isTrue();
        await().atMost(WAIT).until(() -> cardText(dingTalkCard(outTrackId)).contains("您不是此工单的处理人"));
        assertThat(status(id)).isEqualTo("ASSIGNED");

        // the assignee presses 接单 → ACCEPTED, the card shown to everyone says who took it, once
        JsonNode byAssignee = dingTalkClick(outTrackId, "ding_user_007", "accept");
        assertThat(byAssignee.path("accepted").asBoolean()).as(byAssignee.toString()).isTrue();
        assertThat(byAssignee.path("elapsedMs").asLong()).isLessThan(2000);
        await().atMost(WAIT).until(() -> "ACCEPTED".equals(status(id)));
        await().atMost(WAIT).until(() -> updatesMentioning(dingTalkCard(outTrackId), "已由 张三 接单") >= 1);
        assertThat(timelineStatuses(id)).contains("ACCEPTED");

        dingTalkClick(outTrackId, "ding_user_007", "arrive");
        await().atMost(WAIT).until(() -> "IN_PROGRESS".equals(status(id)));
        dingTalkClick(outTrackId, "ding_user_007", "complete");
        await().atMost(WAIT).until(() -> "RESOLVED".equals(status(id)));
        await().atMost(WAIT).until(() -> updatesMentioning(dingTalkCard(outTrackId), "已由 张三 完成") >= 1);
        // each applied click updated the shared card exactly once (no redelivery made a second update)
        JsonNode last = dingTalkCard(outTrackId);
        assertThat(updatesMentioning(last, "已由 张三 接单")).isEqualTo(1);
        assertThat(updatesMentioning(last, "已由 张三 完成")).isEqualTo(1);
        assertThat(timelineStatuses(id)).containsSubsequence("ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED");
    }

    // ------------------------------------------------------------------ WeCom

    @Test
    void weComAssigneeAcceptsArrivesAndCompletesFromTheTemplateCardAnotherPersonChangesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String zhang = person("张三", "WECOM", null, "WeComUser008", tag);
        person("李四", "WECOM", null, "WeComUser011", tag);
        String[] ticket = assignedTicket(zhang);
        String id = ticket[0];

        JsonNode card = awaitCard(id, () -> weComCardOf(ticket[1]));
        String taskId = card.path("taskId").asText();
        assertThat(card.path("cardType").asText()).isEqualTo("button_interaction");
        assertThat(card.path("recipients").has("weComUser008") || card.path("recipients").has("WeComUser008")
                || card.path("recipients").has("wecomuser008")).as(card.toString()).isTrue();

        // WeCom shows an app card only to its recipients; the mock lets another member click it (anyone) to prove
        // the hub trusts the ticket's assignee, not the click
        JsonNode byOther = adminPost(im.weCom().baseUrl(), "/mock-admin/template-cards/" + taskId + "/click",
                "{\"userid\":\"WeComUser011\",\"key\":\"accept:" + id + "\",\"anyone\":true}");
        assertThat(byOther.toString()).doesNotContain("\"accepted\":false");
        await().atMost(WAIT).until(() -> cardText(weComCard(taskId)).contains("您不是此工单的处理人"));
        assertThat(status(id)).isEqualTo("ASSIGNED");

        weComClick(taskId, "WeComUser008", "accept:" + id);
        await().atMost(WAIT).until(() -> "ACCEPTED".equals(status(id)));
        await().atMost(WAIT).until(() -> updatesMentioning(weComCard(taskId), "已由 张三 接单") >= 1);
        weComClick(taskId, "WeComUser008", "arrive:" + id);
        await().atMost(WAIT).until(() -> "IN_PROGRESS".equals(status(id)));
        weComClick(taskId, "WeComUser008", "complete:" + id);
        await().atMost(WAIT).until(() -> "RESOLVED".equals(status(id)));
        assertThat(updatesMentioning(weComCard(taskId), "已由 张三 接单")).isEqualTo(1);
        assertThat(timelineStatuses(id)).containsSubsequence("ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED");
    }

    @Test
    void aWeComUpdateWithoutAResponseCodeSendsTheCardAnewOnceAndDeadLettersNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String zhang = person("张三", "WECOM", null, "WeComUser009", tag);
        String[] ticket = assignedTicket(zhang);
        String id = ticket[0];
        awaitCard(id, () -> weComCardOf(ticket[1]));

        // a click handled without a response code at hand (e.g. the code was used): update_template_card is impossible
        var event = new org.aftersaleshub.model.event.CardActionHandled(id, ticket[1], "wecom", ImMocks.WECOM,
                "accept", "WeComUser009", zhang, "张三", org.aftersaleshub.model.event.CardActionHandled.Outcome.APPLIED,
                null, "已由 张三 接单", org.aftersaleshub.model.TicketStatus.ACCEPTED, zhang, "张三", null,
                "tk-" + UUID.randomUUID(), null, java.time.Instant.now());
        long version = jdbc.queryForObject("select version from ticket where id = ?", Long.class, id);
        String eventId = bean(org.springframework.transaction.support.TransactionTemplate.class).execute(s ->
                bean(org.aftersaleshub.outbox.OutboxWriter.class).append(event, version, java.time.Instant.now()))
                .eventId();

        String newTaskId = "tkt-" + id + "-" + eventId;
        await().atMost(WAIT).until(() -> newCards(id).contains(newTaskId));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> newCards(id).size() == 1);
        JsonNode card = weComCard(newTaskId);
        assertThat(cardText(card)).contains("已由 张三 接单").contains("arrive:" + id).contains("complete:" + id);
        assertThat(card.toString().toLowerCase(java.util.Locale.ROOT)).contains("wecomuser009");
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where ticket_id = ?", Long.class, id))
                .isZero();
        // the update refused without a call, the new card delivered once under its own key (directly, or by the
        // drain when the member's send budget made it wait)
        assertThat(jdbc.queryForList("select outcome from delivery_journal where idempotency_key = ?", String.class,
                "im:" + eventId + ":card")).containsOnly("REFUSED");
        assertThat(jdbc.queryForList("select outcome from delivery_journal where idempotency_key = ? and outcome "
                + "<> 'WAITING'", String.class, "im:" + eventId + ":card:new-card")).containsExactly("SUCCESS");
    }

    /** The task ids of cards the routes sent anew for a ticket ({@code tkt-<ticketId>-<event id>}). */
    List<String> newCards(String ticketId) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : adminGet(im.weCom().baseUrl(), "/mock-admin/template-cards")) {
            if (c.path("taskId").asText().startsWith("tkt-" + ticketId)) {
                out.add(c.path("taskId").asText());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    String person(String name, String channel, String dingTalk, String weCom, String tag) {
        StringBuilder b = new StringBuilder("{\"name\":\"").append(name).append("\",\"roles\":[\"ENGINEER\"],")
                .append("\"preferredChannel\":\"").append(channel).append('"');
        if (dingTalk != null) {
            b.append(",\"dingTalkUserId\":\"").append(dingTalk).append('"');
        }
        if (weCom != null) {
            b.append(",\"weComUserId\":\"").append(weCom).append('"');
        }
        ApiTestClient.Answer a = admin.post("/api/v1/staff", b.append('}').toString());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    /** {ticket id, ticket number} of a new ticket assigned to {@code staffId} through the API. */
    String[] assignedTicket(String staffId) {
        ApiTestClient.Answer created = writer.post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiTestClient.Answer assigned = writer.post("/api/v1/tickets/" + id + "/assignment",
                "{\"assigneeId\":\"" + staffId + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        return new String[] {id, created.json().get("number").asText()};
    }

    /** The card, or a failure showing what the route journaled for the ticket and what the mocks hold. */
    JsonNode awaitCard(String ticketId, java.util.concurrent.Callable<JsonNode> card) {
        try {
            return await().atMost(WAIT).until(card, c -> c != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no card; journal " + jdbc.queryForList("select route_id, target, outcome, "
                    + "detail from delivery_journal where ticket_id = ?", ticketId) + "; dingtalk cards "
                    + adminGet(im.dingTalk().baseUrl(), "/mock-admin/cards") + "; wecom cards "
                    + adminGet(im.weCom().baseUrl(), "/mock-admin/template-cards"), e);
        }
    }

    String status(String id) {
        return jdbc.queryForObject("select status from ticket where id = ?", String.class, id);
    }

    List<String> timelineStatuses(String id) {
        ApiTestClient.Answer t = writer.get("/api/v1/tickets/" + id + "/timeline");
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode e : t.json()) {
            if (e.hasNonNull("toStatus")) {
                out.add(e.get("toStatus").asText());
            }
        }
        return out;
    }

    JsonNode dingTalkCardOf(String ticketNumber) {
        for (JsonNode c : adminGet(im.dingTalk().baseUrl(), "/mock-admin/cards")) {
            if (ticketNumber.equals(c.path("cardData").path("cardParamMap").path("ticketNumber").asText())) {
                return c;
            }
        }
        return null;
    }

    JsonNode dingTalkCard(String outTrackId) {
        return adminGet(im.dingTalk().baseUrl(), "/mock-admin/cards/" + outTrackId);
    }

    JsonNode weComCardOf(String ticketNumber) {
        for (JsonNode c : adminGet(im.weCom().baseUrl(), "/mock-admin/template-cards")) {
            if (c.toString().contains(ticketNumber)) {
                return c;
            }
        }
        return null;
    }

    JsonNode weComCard(String taskId) {
        return adminGet(im.weCom().baseUrl(), "/mock-admin/template-cards/" + taskId);
    }

    static String cardText(JsonNode card) {
        return card.toString();
    }

    static long updatesMentioning(JsonNode card, String text) {
        long n = 0;
        for (JsonNode u : card.path("updates")) {
            if (u.toString().contains(text)) {
                n++;
            }
        }
        return n;
    }

    JsonNode dingTalkClick(String outTrackId, String userId, String action) {
        return adminPost(im.dingTalk().baseUrl(), "/mock-admin/cards/" + outTrackId + "/click",
                "{\"userId\":\"" + userId + "\",\"action\":\"" + action + "\"}");
    }

    JsonNode weComClick(String taskId, String userId, String key) {
        return adminPost(im.weCom().baseUrl(), "/mock-admin/template-cards/" + taskId + "/click",
                "{\"userid\":\"" + userId + "\",\"key\":\"" + key + "\"}");
    }

    JsonNode adminGet(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    JsonNode adminPost(String base, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.uri() + " " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
