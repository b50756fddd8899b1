package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.imcallback.CallbackRequests.Reply;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.junit.jupiter.api.Test;

/**
 * Card clicks against a real database — 接单, 到场, 完成 end to end through the DingTalk and WeCom mocks (which judge
 * every answer by their own check), clicks re-sent, too early, by someone else, on no ticket — plus everything of
 * {@link CallbackVerificationContract}. Each test asserts what the hub ended up with: ticket status and history,
 * stored callbacks, CardActionHandled events.
 */
abstract class CallbackContract extends CallbackVerificationContract {

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
