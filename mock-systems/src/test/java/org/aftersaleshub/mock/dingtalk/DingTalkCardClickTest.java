package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.JSON;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.aftersaleshub.mock.imcrm.TinyHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/dingtalk.md §7, §13: cards delivered per space, a re-used outTrackId changing nothing, updates by
 * key or overwriting, and the admin click — signed like the platform, the hub's answer judged by the platform's rules
 * and its card data applied once.
 */
class DingTalkCardClickTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private TinyHub hub;
    private String token;

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    @BeforeEach
    void start() {
        hub = new TinyHub();
        token = legacyToken(mock());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    Http.Res newApi(String method, String path, String body) {
        return send(method, mock().baseUrl() + path,
                Map.of("Content-Type", "application/json", "x-acs-dingtalk-access-token", token), body);
    }

    void register(String apiSecret) {
        assertThat(newApi("POST", "/v1.0/card/callbacks/register", "{\"callbackRouteKey\":\"hub\",\"callbackUrl\":\""
                + hub.url("/callbacks/dingtalk") + "\"" + (apiSecret == null ? "" : ",\"apiSecret\":\"" + apiSecret
                + "\"") + ",\"forceUpdate\":true}").status()).isEqualTo(200);
    }

    JsonNode deliver(String outTrackId, String spaces, String title) {
        Http.Res r = newApi("POST", "/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"tpl.accept\","
                + "\"outTrackId\":\"" + outTrackId + "\",\"callbackType\":\"HTTP\",\"callbackRouteKey\":\"hub\","
                + "\"userIdType\":1,\"openSpaceId\":\"dtv1.card//" + spaces + "\","
                + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_ROBOT\"},"
                + "\"imGroupOpenDeliverModel\":{\"robotCode\":\"dingaftersalesdemo01\"},"
                + "\"cardData\":{\"cardParamMap\":{\"title\":\"" + title + "\",\"status\":\"待接单\"}}}");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    JsonNode card(String outTrackId) {
        return get(mock().baseUrl() + "/mock-admin/cards/" + outTrackId).json();
    }

    @Test
    void eachSpaceHasItsOwnResult() {
        JsonNode r = deliver("T-1-ding_user_001", "IM_ROBOT.ding_user_001;IM_ROBOT.left_long_ago;IM_GROUP.cid001",
                "工单 T-1");
        assertThat(r.at("/result/deliverResults").findValuesAsText("spaceId"))
                .containsExactly("ding_user_001", "left_long_ago", "cid001");
        assertThat(r.at("/result/deliverResults").findValues("success")).extracting(JsonNode::asBoolean)
                .containsExactly(true, false, true);
        assertThat(r.at("/result/deliverResults/1/errorMsg").asText()).contains("user not found");
        assertThat(deliver("T-1-ding_user_013", "IM_ROBOT.ding_user_013", "工单 T-1")
                .at("/result/deliverResults/0/success").asBoolean()).as("a member of the contacts directory").isTrue();

        Http.Res noRobotCode = newApi("POST", "/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"t\","
                + "\"outTrackId\":\"g1\",\"openSpaceId\":\"dtv1.card//IM_GROUP.cid001\"}");
        assertThat(noRobotCode.json().at("/result/deliverResults/0/success").asBoolean()).isFalse();
        assertThat(newApi("POST", "/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"t\","
                + "\"outTrackId\":\"g2\",\"openSpaceId\":\"IM_GROUP.cid001\"}").status()).isEqualTo(400);
        assertThat(newApi("POST", "/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"t\","
                + "\"outTrackId\":\"g3\",\"openSpaceId\":\"dtv1.card//IM_GROUP.c\",\"cardData\":{\"cardParamMap\":"
                + "{\"n\":1}}}").json().get("code").asText()).isEqualTo("InvalidParameter.cardData");
    }

    @Test
    void aReusedOutTrackIdChangesNothing() {
        deliver("T-2-ding_user_001", "IM_ROBOT.ding_user_001", "第一次");
        JsonNode again = deliver("T-2-ding_user_001", "IM_ROBOT.ding_user_001", "第二次");
        assertThat(again.at("/result/deliverResults/0/success").asBoolean()).isTrue();
        JsonNode c = card("T-2-ding_user_001");
        assertThat(c.at("/cardData/cardParamMap/title").asText()).isEqualTo("第一次");
        assertThat(c.get("repeatedDeliveries").asInt()).isEqualTo(1);
        assertThat(c.get("updateCount").asInt()).isZero();

        admin(mock(), "config", "{\"cardReusedOutTrackIdAnswer\":\"error\"}");
        Http.Res refused = newApi("POST", "/v1.0/card/instances/createAndDeliver", "{\"cardTemplateId\":\"t\","
                + "\"outTrackId\":\"T-2-ding_user_001\",\"openSpaceId\":\"dtv1.card//IM_GROUP.c\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("param.outTrackIdExist");
    }

    @Test
    void updatesMergeByKeyOrOverwrite() {
        deliver("T-3", "IM_ROBOT.ding_user_001", "工单 T-3");
        assertThat(newApi("PUT", "/v1.0/card/instances", "{\"outTrackId\":\"T-3\",\"cardData\":{\"cardParamMap\":"
                + "{\"status\":\"已接单\"}},\"privateData\":{\"ding_user_001\":{\"cardParamMap\":{\"mine\":\"1\"}}},"
                + "\"cardUpdateOptions\":{\"updateCardDataByKey\":true,\"updatePrivateDataByKey\":true}}")
                .json().get("result").asBoolean()).isTrue();
        JsonNode merged = card("T-3");
        assertThat(merged.at("/cardData/cardParamMap/title").asText()).isEqualTo("工单 T-3");
        assertThat(merged.at("/cardData/cardParamMap/status").asText()).isEqualTo("已接单");
        assertThat(merged.at("/privateData/ding_user_001/cardParamMap/mine").asText()).isEqualTo("1");

        newApi("PUT", "/v1.0/card/instances", "{\"outTrackId\":\"T-3\",\"cardData\":{\"cardParamMap\":"
                + "{\"status\":\"已完成\"}}}");
        JsonNode overwritten = card("T-3");
        assertThat(overwritten.at("/cardData/cardParamMap").size()).isEqualTo(1);
        assertThat(overwritten.get("updateCount").asInt()).isEqualTo(2);
        assertThat(overwritten.at("/updates/0/source").asText()).isEqualTo("api");
        assertThat(newApi("PUT", "/v1.0/card/instances", "{\"outTrackId\":\"nope\"}").json().get("code").asText())
                .isEqualTo("param.cardNotExist");
    }

    @Test
    void aClickIsSignedAndTheAnswersCardDataUpdatesTheCardOnce() throws Exception {
        register("card-secret-123");
        deliver("T-4-ding_user_001", "IM_ROBOT.ding_user_001", "工单 T-4");
        hub.answering(r -> TinyHub.Answer.ok("{\"cardData\":{\"cardParamMap\":{\"status\":\"已由 王强 接单\"}},"
                + "\"userPrivateData\":{\"cardParamMap\":{\"canAccept\":\"false\"}},"
                + "\"cardUpdateOptions\":{\"updateCardDataByKey\":true,\"updatePrivateDataByKey\":true}}"));

        JsonNode click = admin(mock(), "cards/T-4-ding_user_001/click", "{\"userId\":\"ding_user_001\","
                + "\"action\":\"accept\",\"timestamp\":\"1700000000000\"}");

        assertThat(click.get("accepted").asBoolean()).isTrue();
        assertThat(click.get("cardUpdatedByReply").asBoolean()).isTrue();
        TinyHub.Received got = hub.received().get(0);
        // docs/vendor-apis/dingtalk.md §10.2
        assertThat(got.header("x-ddpaas-signature")).isEqualTo("xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8=");
        assertThat(got.header("x-ddpaas-signature-timestamp")).isEqualTo("1700000000000");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("outTrackId").asText()).isEqualTo("T-4-ding_user_001");
        assertThat(JSON.readTree(body.get("content").asText()).at("/cardPrivateData/params/action").asText())
                .isEqualTo("accept");
        JsonNode c = card("T-4-ding_user_001");
        assertThat(c.get("updateCount").asInt()).isEqualTo(1);
        assertThat(c.at("/updates/0/source").asText()).isEqualTo("callbackReply");
        assertThat(c.at("/cardData/cardParamMap/status").asText()).isEqualTo("已由 王强 接单");
        assertThat(c.at("/cardData/cardParamMap/title").asText()).isEqualTo("工单 T-4");
        assertThat(c.at("/privateData/ding_user_001/cardParamMap/canAccept").asText()).isEqualTo("false");
        assertThat(c.at("/clicks/0/userId").asText()).isEqualTo("ding_user_001");
        assertThat(c.at("/clicks/0/params/action").asText()).isEqualTo("accept");
    }

    @Test
    void anAnswerThatIsNotJsonOrTooLateFailsTheClickAndChangesNothing() {
        register(null);
        deliver("T-5", "IM_ROBOT.ding_user_001", "工单 T-5");
        hub.answering(r -> TinyHub.Answer.ok("success"));
        JsonNode notJson = admin(mock(), "cards/T-5/click", "{\"userId\":\"ding_user_001\",\"action\":\"accept\"}");
        assertThat(notJson.get("accepted").asBoolean()).isFalse();
        assertThat(notJson.get("verdict").asText()).isEqualTo("the answer is not a JSON object");
        assertThat(hub.received().get(0).header("x-ddpaas-signature")).as("no apiSecret, no signature").isNull();

        admin(mock(), "config", "{\"cardCallbackReplyTimeoutMs\":300}");
        hub.answering(r -> new TinyHub.Answer(200, "{\"cardData\":{\"cardParamMap\":{\"status\":\"x\"}}}", 1000));
        JsonNode late = admin(mock(), "cards/T-5/click", "{\"userId\":\"ding_user_001\",\"action\":\"accept\"}");
        assertThat(late.get("verdict").asText()).isEqualTo("no reply within 300 ms");
        assertThat(card("T-5").get("updateCount").asInt()).isZero();
        assertThat(card("T-5").get("clicks")).hasSize(2);
    }

    @Test
    void aCardWithoutAnHttpRouteCannotBeClicked() {
        deliver("T-6", "IM_ROBOT.ding_user_001", "工单 T-6");
        Http.Res r = postJson(mock().baseUrl() + "/mock-admin/cards/T-6/click", "{\"userId\":\"ding_user_001\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("no registered HTTP callback route");
        assertThat(postJson(mock().baseUrl() + "/mock-admin/cards/none/click", "{\"userId\":\"u\"}").status())
                .isEqualTo(400);
        assertThat(get(mock().baseUrl() + "/mock-admin/cards/none").status()).isEqualTo(404);
        assertThat(hub.received()).isEmpty();
    }
}
