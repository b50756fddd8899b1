package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.imcallback.CallbackRequests.Reply;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.junit.jupiter.api.Test;

/**
 * The callback endpoints against a real database, driven by the DingTalk and WeCom mocks (which judge every reply by
 * their own check) and by requests built independently of the hub's crypto ({@link CallbackRequests}). Each test
 * asserts what the hub ended up with: ticket status and history, stored callbacks, CardActionHandled events.
 */
abstract class CallbackContract extends CallbackTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    private static final String DT = "/callbacks/dingtalk/dt-main";
    private static final String WC = "/callbacks/wecom";

    // ------------------------------------------------------------------ URL verification and event push

    @Test
    void weComUrlVerificationAnswersTheExactPlaintextAndTheMockAcceptsIt() throws Exception {
        WeComMock wecom = mocks.get(WeComMock.class);
        wecom.settings().callback.url = requests.url(WC);
        CallbackSender.Attempt attempt = wecom.verifyUrl("1234567890123456789", WeComMock.SendOptions.defaults());
        assertThat(attempt.accepted()).as(attempt.verdict()).isTrue();
        assertThat(attempt.replyBody()).isEqualTo("1234567890123456789");

        Reply named = requests.weComVerify("/callbacks/wecom/wc-main", "987654321", nowSeconds(), false);
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.body()).isEqualTo("987654321");
        assertProblem(requests.weComVerify(WC, "987654321", nowSeconds(), true), 401, "callback-signature-mismatch");
        assertProblem(requests.weComVerify(WC, "987654321", nowSeconds() - 600, false), 401, "callback-stale");
    }

    @Test
    void dingTalkPushIsAnsweredWithTheEncryptedSuccessAndStoredOnceHoweverOftenItComes() throws Exception {
        DingTalkMock dingtalk = mocks.get(DingTalkMock.class);
        dingtalk.settings().callback.url = requests.url(DT);
        CallbackSender.Attempt check = dingtalk.pushEvent(JSON.readTree("{\"EventType\":\"check_url\"}"),
                DingTalkMock.PushOptions.defaults());
        assertThat(check.accepted()).as(check.verdict()).isTrue();
        Reply own = requests.dingTalkPush(DT, "{\"EventType\":\"check_url\"}", System.currentTimeMillis(),
                CallbackRequests.DT_TOKEN, CallbackRequests.DT_AES_KEY, CallbackRequests.DT_OWNER, false);
        assertThat(CallbackRequests.judgeDingTalkReply(own)).as(own.body()).isNull();

        String eventId = "evt-" + UUID.randomUUID();
        String approval = "{\"EventType\":\"bpms_instance_change\",\"eventId\":\"" + eventId + "\",\"BizId\":\"b1\","
                + "\"processInstanceId\":\"p1\",\"type\":\"finish\",\"result\":\"agree\"}";
        long before = storedCallbacks();
        for (int i = 0; i < 3; i++) {
            CallbackSender.Attempt a = dingtalk.pushEvent(JSON.readTree(approval), DingTalkMock.PushOptions.defaults());
            assertThat(a.accepted()).as(a.verdict()).isTrue();
        }
        assertThat(storedCallbacks()).isEqualTo(before + 1);
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        assertThat(jdbc.queryForObject("select outcome from im_callback_event where identity = ?", String.class,
                "eventId:" + eventId)).isEqualTo("IGNORED");
        assertThat(jdbc.queryForObject("select payload from im_callback_event where identity = ?", String.class,
                "eventId:" + eventId)).isEqualTo(approval);
    }

    // ------------------------------------------------------------------ 接单 end to end

    @Test
    void dingTalkAcceptByTheAssigneeThroughTheMockMakesTheTicketAccepted() throws Exception {
        DingTalkMock dingtalk = mocks.get(DingTalkMock.class);
        String outTrackId = card(ticketId);
        cardAtTheMock(dingtalk, outTrackId, li.dingTalkUserId());

        JsonNode byOther = clickAtTheMock(dingtalk, outTrackId, li.dingTalkUserId(), "accept");
        assertThat(byOther.get("accepted").asBoolean()).as(byOther.toString()).isTrue();
        JsonNode refused = awaitCardEvents(ticketId, 1).get(0);
        assertThat(refused.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("refusal").asText()).isEqualTo("not-assignee");
        assertThat(refused.get("message").asText()).isEqualTo("您不是此工单的处理人");
        assertThat(status(ticketId)).isEqualTo("ASSIGNED");

        JsonNode byAssignee = clickAtTheMock(dingtalk, outTrackId, zhang.dingTalkUserId(), "accept");
        assertThat(byAssignee.get("accepted").asBoolean()).as(byAssignee.toString()).isTrue();
        assertThat(byAssignee.get("elapsedMs").asLong()).isLessThan(2000);
        JsonNode applied = awaitCardEvents(ticketId, 2).get(1);
        assertThat(status(ticketId)).isEqualTo("ACCEPTED");
        assertThat(applied.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(applied.get("message").asText()).isEqualTo("已由 张三 接单");
        assertThat(applied.get("platform").asText()).isEqualTo("dingtalk");
        assertThat(applied.get("connectorInstance").asText()).isEqualTo("dt-main");
        assertThat(applied.get("outTrackId").asText()).isEqualTo(outTrackId);
        assertThat(applied.get("actorStaffId").asText()).isEqualTo(zhang.staffId());
        assertThat(applied.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(applied.get("assigneeName").asText()).isEqualTo("张三");
        List<Map<String, Object>> history = history(ticketId);
        assertThat(history.get(history.size() - 1).get("to_status")).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("select actor from status_history where ticket_id = ? and to_status = "
                + "'ACCEPTED'", String.class, ticketId)).isEqualTo("staff:" + zhang.staffId());
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketAccepted'", Integer.class, ticketId)).isEqualTo(1);

        // the other engineer clicks again now: the card explains who took it
        clickAtTheMock(dingtalk, outTrackId, li.dingTalkUserId(), "arrive");
        JsonNode taken = awaitCardEvents(ticketId, 3).get(2);
        assertThat(taken.get("message").asText()).isEqualTo("您不是此工单的处理人");
        Engineer wang = engineer("王五", "dt-wang-" + UUID.randomUUID().toString().substring(0, 6), null);
        clickAtTheMock(dingtalk, outTrackId, wang.dingTalkUserId(), "accept");
        JsonNode already = awaitCardEvents(ticketId, 4).get(3);
        assertThat(already.get("message").asText()).isEqualTo("此工单已由 张三 接单");
        assertThat(status(ticketId)).isEqualTo("ACCEPTED");
    }

    @Test
    void weComAcceptArriveCompleteThroughTheMockWalkTheTicketToResolved() {
        WeComMock wecom = mocks.get(WeComMock.class);
        wecom.settings().callback.url = requests.url("/callbacks/wecom/wc-main");
        String task = card(ticketId);
        String[][] steps = {{"accept", "ACCEPTED"}, {"arrive", "IN_PROGRESS"}, {"complete", "RESOLVED"}};
        for (int i = 0; i < steps.length; i++) {
            CallbackSender.Attempt a = wecom.clickTemplateCard(zhang.weComUserId().toLowerCase(),
                    steps[i][0] + ":" + ticketId, task, "button_interaction", 1000002);
            assertThat(a.accepted()).as(a.verdict()).isTrue();
            assertThat(a.replyBody()).isEmpty();
            JsonNode e = awaitCardEvents(ticketId, i + 1).get(i);
            assertThat(e.get("outcome").asText()).as(e.toString()).isEqualTo("APPLIED");
            assertThat(e.get("platform").asText()).isEqualTo("wecom");
            assertThat(e.get("taskId").asText()).isEqualTo(task);
            assertThat(e.get("responseCode").asText()).isNotBlank();
            assertThat(e.get("status").asText()).isEqualTo(steps[i][1]);
            assertThat(status(ticketId)).isEqualTo(steps[i][1]);
        }
        String arrival = jdbc.queryForObject("select reason from status_history where ticket_id = ? and to_status = "
                + "'IN_PROGRESS'", String.class, ticketId);
        assertThat(arrival).startsWith("到场时间 20").contains("企业微信卡片", "张三");
        assertThat(cardEvents(ticketId).get(1).get("message").asText()).matches("张三 已于 \\d\\d-\\d\\d \\d\\d:\\d\\d 到场");
        assertThat(cardEvents(ticketId).get(2).get("message").asText()).isEqualTo("张三 已完成此工单");
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketResolved'", Integer.class, ticketId)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ processed once

    @Test
    void aValidClickResentThreeTimesIsProcessedOnce() throws Exception {
        String xml = CallbackRequests.weComClickXml(zhang.weComUserId(), nowSeconds(), "accept:" + ticketId,
                card(ticketId));
        for (int i = 0; i < 3; i++) {
            Reply r = requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN, CallbackRequests.WC_AES_KEY,
                    CallbackRequests.WC_CORP, false);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
        String body = CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "accept");
        long ts = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            Reply r = requests.dingTalkClick(DT, body, ts + i);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{}");
        }
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        assertThat(jdbc.queryForObject("select count(*) from im_callback_event where payload like ?", Integer.class,
                "%" + ticketId + "%")).isEqualTo(2);
        assertThat(status(ticketId)).isEqualTo("ACCEPTED");
        assertThat(history(ticketId).stream().filter(h -> "ACCEPTED".equals(h.get("to_status")))).hasSize(1);
        List<JsonNode> events = cardEvents(ticketId);
        assertThat(events).hasSize(2);
        assertThat(events).extracting(e -> e.get("outcome").asText()).containsExactly("APPLIED", "REFUSED");
        assertThat(events.get(1).get("refusal").asText()).isEqualTo("already-done");
    }

    @Test
    void aClickTooEarlyIsRefusedAndTheSameClickCountsOnceTheTicketGetsThere() {
        String arrive = CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "arrive");
        assertThat(requests.dingTalkClick(DT, arrive, System.currentTimeMillis()).status()).isEqualTo(200);
        JsonNode early = awaitCardEvents(ticketId, 1).get(0);
        assertThat(early.get("message").asText()).isEqualTo("请先接单");
        assertThat(status(ticketId)).isEqualTo("ASSIGNED");

        String accept = CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "accept");
        assertThat(requests.dingTalkClick(DT, accept, System.currentTimeMillis()).status()).isEqualTo(200);
        awaitCardEvents(ticketId, 2);
        assertThat(requests.dingTalkClick(DT, arrive, System.currentTimeMillis() + 1).status()).isEqualTo(200);
        JsonNode arrived = awaitCardEvents(ticketId, 3).get(2);
        assertThat(arrived.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aCardOfNoTicketAndAMemberTheDirectoryDoesNotKnowAreRefusedWithReasons() {
        String unknownTicket = UUID.randomUUID().toString();
        requests.dingTalkClick(DT, CallbackRequests.clickBody(card(unknownTicket), zhang.dingTalkUserId(), "accept"),
                System.currentTimeMillis());
        JsonNode noTicket = awaitCardEvents(unknownTicket, 1).get(0);
        assertThat(noTicket.get("refusal").asText()).isEqualTo("unknown-ticket");
        assertThat(noTicket.get("message").asText()).isEqualTo("找不到此卡片对应的工单");

        requests.dingTalkClick(DT, CallbackRequests.clickBody(card(ticketId), "dt-nobody", "accept"),
                System.currentTimeMillis());
        JsonNode nobody = awaitCardEvents(ticketId, 1).get(0);
        assertThat(nobody.get("refusal").asText()).isEqualTo("unknown-user");
        assertThat(nobody.get("message").asText()).isEqualTo("您不在服务人员名单中，无法操作此工单");

        // a WeCom button whose key names another ticket than its card
        String xml = CallbackRequests.weComClickXml(zhang.weComUserId(), nowSeconds(), "accept:" + unknownTicket,
                card(ticketId));
        requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN, CallbackRequests.WC_AES_KEY,
                CallbackRequests.WC_CORP, false);
        JsonNode mixed = awaitCardEvents(ticketId, 2).get(1);
        assertThat(mixed.get("message").asText()).isEqualTo("卡片与按钮不属于同一工单");
        assertThat(status(ticketId)).isEqualTo("ASSIGNED");
    }

    @Test
    void aCardNamedAfterTheEventThatMadeItFindsItsTicket() {
        String assignment = jdbc.queryForObject("select event_id from status_history where ticket_id = ? and "
                + "to_status = 'ASSIGNED'", String.class, ticketId);
        String card = "tk-" + assignment;
        requests.dingTalkClick(DT, CallbackRequests.clickBody(card, zhang.dingTalkUserId(), "accept"),
                System.currentTimeMillis());
        JsonNode accepted = awaitCardEvents(ticketId, 1).get(0);
        assertThat(accepted.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(accepted.get("outTrackId").asText()).isEqualTo(card);
        assertThat(status(ticketId)).isEqualTo("ACCEPTED");

        String xml = CallbackRequests.weComClickXml(zhang.weComUserId(), nowSeconds(), "arrive:" + ticketId, card);
        requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN, CallbackRequests.WC_AES_KEY,
                CallbackRequests.WC_CORP, false);
        JsonNode arrived = awaitCardEvents(ticketId, 2).get(1);
        assertThat(arrived.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(arrived.get("taskId").asText()).isEqualTo(card);
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");

        // an event of no ticket names no card
        String nothing = "tk-" + UUID.randomUUID();
        requests.dingTalkClick(DT, CallbackRequests.clickBody(nothing, zhang.dingTalkUserId(), "complete"),
                System.currentTimeMillis());
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        assertThat(jdbc.queryForObject("select outcome_detail from im_callback_event where payload like ?",
                String.class, "%" + nothing + "%")).startsWith("unknown-ticket");
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
    }

    // ------------------------------------------------------------------ refusals change nothing

    @Test
    void forgedStaleReplayedAndForeignCallbacksAreRefusedWithNoStateChange() throws Exception {
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        long rows = storedCallbacks();
        long outbox = outboxRows();
        long version = version(ticketId);
        long now = System.currentTimeMillis();
        String accept = CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "accept");
        String ts = String.valueOf(now);
        String sig = DingTalkMock.cardSignature(CallbackRequests.DT_API_SECRET, ts);

        // DingTalk card clicks
        assertProblem(requests.dingTalkClick(DT, accept, ts, CallbackRequests.flip(sig)), 401,
                "callback-signature-mismatch");
        assertProblem(requests.dingTalkClick(DT, accept, ts, null), 401, "callback-signature-mismatch");
        assertProblem(requests.dingTalkClick(DT, accept, now - 6 * 60_000), 401, "callback-stale");
        assertProblem(requests.dingTalkClick(DT, accept, now + 6 * 60_000), 401, "callback-stale");
        String other = DingTalkMock.cardSignature("another-branch-secret", ts);
        assertProblem(requests.dingTalkClick("/callbacks/dingtalk/dt-main", accept, ts, other), 401,
                "callback-signature-mismatch");
        // DingTalk event push
        String event = "{\"EventType\":\"bpms_task_change\",\"eventId\":\"e-" + UUID.randomUUID() + "\"}";
        JsonNode tampered = assertProblem(requests.dingTalkPush(DT, event, now, CallbackRequests.DT_TOKEN,
                CallbackRequests.DT_AES_KEY, CallbackRequests.DT_OWNER, true), 401, "callback-signature-mismatch");
        assertThat(tampered.get("platformCode").asInt()).isEqualTo(900006);
        assertProblem(requests.dingTalkPush(DT, event, now - 10 * 60_000, CallbackRequests.DT_TOKEN,
                CallbackRequests.DT_AES_KEY, CallbackRequests.DT_OWNER, false), 401, "callback-stale");
        JsonNode owner = assertProblem(requests.dingTalkPush(DT, event, now, CallbackRequests.DT_TOKEN,
                CallbackRequests.DT_AES_KEY, "ding0000demo0corp", false), 401, "callback-wrong-owner");
        assertThat(owner.get("platformCode").asInt()).isEqualTo(900010);
        JsonNode key = assertProblem(requests.dingTalkPush(DT, event, now, CallbackRequests.DT_TOKEN,
                CallbackRequests.OTHER_AES_KEY, CallbackRequests.DT_OWNER, false), 400, "callback-undecryptable");
        assertThat(key.get("platformCode").asInt()).isEqualTo(900008);
        String notWholeBlocks = java.util.Base64.getEncoder().encodeToString(new byte[33]);
        assertProblem(requests.dingTalkPushRaw(DT, notWholeBlocks, now), 400, "callback-undecryptable");
        // WeCom events
        String xml = CallbackRequests.weComClickXml(zhang.weComUserId(), nowSeconds(), "accept:" + ticketId,
                card(ticketId));
        assertProblem(requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN,
                CallbackRequests.WC_AES_KEY, CallbackRequests.WC_CORP, true), 401, "callback-signature-mismatch");
        assertProblem(requests.weComEvent(WC, xml, nowSeconds() - 3600, CallbackRequests.WC_TOKEN,
                CallbackRequests.WC_AES_KEY, CallbackRequests.WC_CORP, false), 401, "callback-stale");
        JsonNode corp = assertProblem(requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN,
                CallbackRequests.WC_AES_KEY, "ww0000000000000000", false), 401, "callback-wrong-owner");
        assertThat(corp.get("platformCode").asInt()).isEqualTo(-40005);
        assertProblem(requests.weComEvent(WC, xml, nowSeconds(), CallbackRequests.WC_TOKEN,
                CallbackRequests.OTHER_AES_KEY, CallbackRequests.WC_CORP, false), 400, "callback-undecryptable");
        assertProblem(requests.weComEvent(WC, xml, nowSeconds(), "anotherToken", CallbackRequests.WC_AES_KEY,
                CallbackRequests.WC_CORP, false), 401, "callback-signature-mismatch");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Encrypt>&x;</Encrypt></xml>";
        assertProblem(requests.weComRaw(WC, "00", String.valueOf(nowSeconds()), "1", xxe), 400, "callback-malformed");

        assertThat(storedCallbacks()).as("stored callbacks").isEqualTo(rows);
        assertThat(outboxRows()).as("outbox rows").isEqualTo(outbox);
        assertThat(status(ticketId)).isEqualTo("ASSIGNED");
        assertThat(version(ticketId)).isEqualTo(version);

        // a signed pair is accepted once: the same headers with another body are refused, nothing is stored
        Reply first = requests.dingTalkClick(DT, accept, ts, sig);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long afterFirst = storedCallbacks();
        String forged = CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "complete");
        assertProblem(requests.dingTalkClick(DT, forged, ts, sig), 401, "callback-replayed");
        assertProblem(requests.dingTalkClick(DT, accept, ts, sig), 401, "callback-replayed");
        assertThat(storedCallbacks()).isEqualTo(afterFirst);
        awaitCardEvents(ticketId, 1);
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        assertThat(cardEvents(ticketId)).hasSize(1);
        assertThat(status(ticketId)).isEqualTo("ACCEPTED");
    }

    @Test
    void theInstanceComesFromThePathOrIsTheOnlyOneOfItsPlatform() throws Exception {
        Reply ambiguous = requests.dingTalkClick("/callbacks/dingtalk",
                CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "accept"),
                System.currentTimeMillis());
        JsonNode p = assertProblem(ambiguous, 404, "callback-instance-unknown");
        assertThat(p.get("detail").asText()).contains("dt-branch", "dt-main");
        assertProblem(requests.weComVerify("/callbacks/wecom/dt-main", "1", nowSeconds(), false), 404,
                "callback-instance-unknown");
        assertProblem(requests.weComVerify("/callbacks/wecom/nope", "1", nowSeconds(), false), 404,
                "callback-instance-unknown");
        // dt-branch has no push keys and its own apiSecret
        String ts = String.valueOf(System.currentTimeMillis());
        Reply branch = requests.dingTalkClick("/callbacks/dingtalk/dt-branch",
                CallbackRequests.clickBody(card(ticketId), zhang.dingTalkUserId(), "accept"), ts,
                DingTalkMock.cardSignature("another-branch-secret", ts));
        assertThat(branch.status()).as(branch.body()).isEqualTo(200);
        JsonNode applied = awaitCardEvents(ticketId, 1).get(0);
        assertThat(applied.get("connectorInstance").asText()).isEqualTo("dt-branch");
        assertProblem(requests.dingTalkPush("/callbacks/dingtalk/dt-branch", "{\"EventType\":\"check_url\"}",
                System.currentTimeMillis(), CallbackRequests.DT_TOKEN, CallbackRequests.DT_AES_KEY,
                CallbackRequests.DT_OWNER, false), 404, "callback-push-not-configured");
        // callbacks need no API key, and other methods are refused as problems
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                requests.url(DT))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    // ------------------------------------------------------------------ answer latency

    @Test
    void twoHundredCallbacksAreAnsweredWithP99Under200Ms() {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(assignedTicket(zhang));
        }
        // warm-up: the first requests load classes and fill the connection pool
        for (int i = 0; i < 20; i++) {
            requests.weComVerify(WC, "warm" + i, nowSeconds(), false);
        }
        List<Long> micros = new ArrayList<>();
        long createTime = nowSeconds();
        for (int i = 0; i < 200; i++) {
            String t = tickets.get(i % tickets.size());
            Reply r;
            if (i % 2 == 0) {
                r = requests.dingTalkClick(DT, CallbackRequests.clickBody(card(t) + "x" + i, zhang.dingTalkUserId(),
                        "accept"), System.currentTimeMillis());
            } else {
                r = requests.weComEvent(WC, CallbackRequests.weComClickXml(zhang.weComUserId(), createTime + i,
                        "accept:" + t, card(t) + "x" + i), nowSeconds(), CallbackRequests.WC_TOKEN,
                        CallbackRequests.WC_AES_KEY, CallbackRequests.WC_CORP, false);
            }
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            micros.add(r.nanos() / 1000);
        }
        Collections.sort(micros);
        long p50 = micros.get(99);
        long p99 = micros.get(197);
        long max = micros.get(199);
        String report = "Callback answer latency over 200 callbacks (" + getClass().getSimpleName() + "): p50 "
                + p50 / 1000.0 + " ms, p99 " + p99 / 1000.0 + " ms, max " + max / 1000.0 + " ms";
        StringBuilder server = new StringBuilder();
        meters.find("http.server.requests").timers().stream()
                .filter(t -> String.valueOf(t.getId().getTag("uri")).startsWith("/callbacks/")
                        && "POST".equals(t.getId().getTag("method")) && "200".equals(t.getId().getTag("status")))
                .forEach(t -> server.append(String.format(" %s %s: n=%d mean=%.1fms max=%.1fms;",
                        t.getId().getTag("method"), t.getId().getTag("uri"), t.count(),
                        t.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        t.max(java.util.concurrent.TimeUnit.MILLISECONDS))));
        System.out.println(report + "; server side:" + server);
        assertThat(p99).as(report).isLessThan(200_000);
        await().atMost(WAIT).until(() -> unprocessed() == 0);
        for (String t : tickets) {
            assertThat(status(t)).isEqualTo("ACCEPTED");
        }
    }

    /**
     * A user clicks a button of the card at the mock, through its admin API (the mock signs the click with the route's
     * apiSecret and judges the hub's answer); the attempt's record.
     */
    JsonNode clickAtTheMock(DingTalkMock dingtalk, String outTrackId, String userId, String action) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                dingtalk.baseUrl() + "/mock-admin/card/click")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outTrackId\":\"" + outTrackId + "\",\"userId\":\""
                        + userId + "\",\"params\":{\"action\":\"" + action + "\"},\"signature\":\"valid\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Registers the HTTP callback route and delivers a card, as the card-sending connector does. */
    void cardAtTheMock(DingTalkMock dingtalk, String outTrackId, String userId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = dingtalk.baseUrl();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/v1.0/oauth2/accessToken"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"appKey\":\"dingaftersalesdemo01\",\"appSecret\":\"demo-dingtalk-app-secret-0001-"
                                + "aftersales-hub-xxxx\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).path("accessToken").asText();
        assertThat(accessToken).as(token.body()).isNotBlank();
        for (String[] call : new String[][] {
                {"/v1.0/card/callbacks/register", "{\"callbackRouteKey\":\"hub-cards\",\"callbackUrl\":\""
                        + requests.url(DT) + "\",\"apiSecret\":\"" + CallbackRequests.DT_API_SECRET
                        + "\",\"forceUpdate\":true}"},
                {"/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"tpl-assign\",\"outTrackId\":\""
                        + outTrackId + "\",\"callbackType\":\"HTTP\",\"callbackRouteKey\":\"hub-cards\","
                        + "\"openSpaceId\":\"dtv1.card//IM_ROBOT." + userId + "\",\"userIdType\":1,"
                        + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_ROBOT\"},"
                        + "\"cardData\":{\"cardParamMap\":{}}}"}}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + call[0]))
                    .header("Content-Type", "application/json").header("x-acs-dingtalk-access-token", accessToken)
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(call[0] + " " + r.body()).isEqualTo(200);
        }
    }
}
