package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.imcallback.CallbackRequests.Reply;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.aftersaleshub.web.ProblemBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the callback tests share: the DingTalk and WeCom mocks (reset before each test), a fresh pair of engineers and
 * an assigned ticket per test, and readers of what the hub ended up with — the ticket, its status history, the stored
 * callbacks and the {@code CardActionHandled} events in the outbox. Subclasses choose the database.
 */
abstract class CallbackTestBase extends ApiTestSupport {

    static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk", "wecom");

    /** One engineer as the directory holds them. */
    record Engineer(String staffId, String name, String dingTalkUserId, String weComUserId) {
    }

    CallbackRequests requests;
    ApiTestClient admin;
    ApiTestClient writer;
    Engineer zhang;
    Engineer li;
    String ticketId;

    @BeforeEach
    void engineersAndAnAssignedTicket() {
        requests = new CallbackRequests(port);
        admin = client("callbacks-admin", ApiScope.ADMIN);
        writer = writer();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        zhang = engineer("张三", "dt-zhang-" + tag, "WC-Zhang-" + tag);
        li = engineer("李四", "dt-li-" + tag, "wc-li-" + tag);
        ticketId = assignedTicket(zhang);
    }

    Engineer engineer(String name, String dingTalkUserId, String weComUserId) {
        ApiTestClient.Answer a = admin.post("/api/v1/staff", "{\"name\":\"" + name + "\",\"dingTalkUserId\":\""
                + dingTalkUserId + "\",\"weComUserId\":\"" + weComUserId + "\",\"roles\":[\"ENGINEER\"]}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return new Engineer(a.json().get("id").asText(), name, dingTalkUserId, weComUserId);
    }

    String assignedTicket(Engineer to) {
        ApiTestClient.Answer created = writer.post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiTestClient.Answer assigned = writer.post("/api/v1/tickets/" + id + "/assignment",
                "{\"assigneeId\":\"" + to.staffId() + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        return id;
    }

    // ------------------------------------------------------------------ what the hub ended up with

    String status(String id) {
        return jdbc.queryForObject("select status from ticket where id = ?", String.class, id);
    }

    long version(String id) {
        Long v = jdbc.queryForObject("select version from ticket where id = ?", Long.class, id);
        return v == null ? -1 : v;
    }

    List<Map<String, Object>> history(String id) {
        return jdbc.queryForList("select from_status, to_status, actor, reason from status_history where ticket_id = ? "
                + "order by id", id);
    }

    /** The CardActionHandled events written for a ticket, oldest first, as their {@code data}. */
    List<JsonNode> cardEvents(String id) {
        return jdbc.queryForList("select payload from outbox where event_type = 'CardActionHandled' and ticket_id = ? "
                + "order by id", String.class, id).stream().map(CallbackTestBase::data).toList();
    }

    List<JsonNode> awaitCardEvents(String id, int count) {
        await().atMost(WAIT).until(() -> cardEvents(id).size() >= count);
        return cardEvents(id);
    }

    long storedCallbacks() {
        Long n = jdbc.queryForObject("select count(*) from im_callback_event", Long.class);
        return n == null ? 0 : n;
    }

    long outboxRows() {
        Long n = jdbc.queryForObject("select count(*) from outbox", Long.class);
        return n == null ? 0 : n;
    }

    long usedSignatures() {
        Long n = jdbc.queryForObject("select count(*) from im_callback_signature", Long.class);
        return n == null ? 0 : n;
    }

    long unprocessed() {
        Long n = jdbc.queryForObject("select count(*) from im_callback_event where processed_at is null", Long.class);
        return n == null ? 0 : n;
    }

    static String card(String ticketId) {
        return "tkt-" + ticketId + "-1";
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode data(String envelope) {
        try {
            return ProblemBodies.STRICT.readTree(envelope).get("data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A refusal: the status, problem+json without internals, and the problem type. */
    static JsonNode assertProblem(Reply r, int status, String type) throws Exception {
        String what = status + " " + type + ": " + r.body();
        assertThat(r.status()).as(what).isEqualTo(status);
        ProblemBodies.assertCleanProblem(what, r.status(), r.contentType(),
                r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode p = ProblemBodies.STRICT.readTree(r.body());
        assertThat(p.path("type").asText()).as(what).isEqualTo("urn:aftersales-hub:problem:" + type);
        return p;
    }
}
