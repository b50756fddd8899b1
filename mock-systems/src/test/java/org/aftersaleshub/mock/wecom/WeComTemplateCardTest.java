package org.aftersaleshub.mock.wecom;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.wecom.WeComApiTest.send;
import static org.aftersaleshub.mock.wecom.WeComApiTest.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.aftersaleshub.mock.imcrm.TinyHub;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/wecom.md §3.2, §3.4, §4.7, §10: template cards checked and kept per recipient, the admin click —
 * an encrypted {@code template_card_event} with a response code bound to the card — and the two ways to update it:
 * a passive {@code update_button} reply for the clicking member, {@code update_template_card} once per code.
 */
class WeComTemplateCardTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    static final String CORP = "wwa1b2c3d4e5f60718";
    static final WxCallbackCrypto CRYPTO = new WxCallbackCrypto("aftersalesWeComToken",
            "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB");

    private TinyHub hub;

    WeComMock mock() {
        return mocks.get(WeComMock.class);
    }

    @BeforeEach
    void start() {
        hub = new TinyHub();
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.url("/callbacks/wecom")
                + "\",\"retryDelaysMs\":[]}}");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static String card(String taskId, String buttons) {
        return "{\"touser\":\"WeComUser001|WeComUser002\",\"msgtype\":\"template_card\",\"agentid\":1000002,"
                + "\"template_card\":{\"card_type\":\"button_interaction\",\"task_id\":\"" + taskId + "\","
                + "\"main_title\":{\"title\":\"工单 T-7\"},\"button_list\":" + buttons + "}}";
    }

    static final String ACCEPT = "[{\"text\":\"接单\",\"style\":1,\"key\":\"accept:T-7\"}]";

    /** The event the hub received, decrypted. */
    static String decrypted(TinyHub.Received r) {
        return CRYPTO.verifyAndDecrypt(r.param("msg_signature"), r.param("timestamp"), r.param("nonce"),
                WeComMock.extract(r.body(), "Encrypt"), CORP);
    }

    /** An encrypted passive reply replacing the clicking member's buttons by {@code name}. */
    static String updateButton(String name) {
        String xml = "<xml><ToUserName><![CDATA[WeComUser001]]></ToUserName><FromUserName><![CDATA[" + CORP
                + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[update_button]]></MsgType>"
                + "<Button><ReplaceName><![CDATA[" + name + "]]></ReplaceName></Button></xml>";
        String enc = CRYPTO.encrypt(xml, CORP);
        return "<xml><Encrypt><![CDATA[" + enc + "]]></Encrypt><MsgSignature><![CDATA["
                + CRYPTO.signature("1700000000", "777", enc) + "]]></MsgSignature><TimeStamp>1700000000</TimeStamp>"
                + "<Nonce><![CDATA[777]]></Nonce></xml>";
    }

    JsonNode templateCard(String taskId) {
        return get(mock().baseUrl() + "/mock-admin/template-cards/" + taskId).json();
    }

    @Test
    void cardsWeComWouldRefuse() {
        String t = token(mock());
        String seven = java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(i -> "{\"text\":\"b" + i
                + "\",\"key\":\"k" + i + "\"}").collect(java.util.stream.Collectors.joining(",", "[", "]"));
        for (String bad : new String[] {card("tkt T-7", ACCEPT), card("T-7", "[]"),
                card("T-7", "[{\"text\":\"a\",\"key\":\"k\"},{\"text\":\"b\",\"key\":\"k\"}]"),
                card("T-7", seven)}) {
            assertThat(send(mock(), t, bad).json().get("errcode").asInt()).as(bad).isEqualTo(40058);
        }
        assertThat(mock().messagesTo("WeComUser001")).isEmpty();
    }

    @Test
    void aPassiveUpdateButtonReplyReplacesOnlyTheClickersButtonsOnce() {
        assertThat(send(mock(), token(mock()), card("tkt-T-7-1", ACCEPT)).json().get("errcode").asInt()).isZero();
        hub.answering(r -> TinyHub.Answer.ok(updateButton("已接单")));

        JsonNode click = admin(mock(), "template-cards/tkt-T-7-1/click",
                "{\"userid\":\"WeComUser001\",\"key\":\"accept:T-7\"}");

        assertThat(click.get("accepted").asBoolean()).isTrue();
        assertThat(click.get("passiveUpdate").asText()).isEqualTo("已接单");
        String event = decrypted(hub.received().get(0));
        assertThat(WeComMock.extract(event, "Event")).isEqualTo("template_card_event");
        assertThat(WeComMock.extract(event, "EventKey")).isEqualTo("accept:T-7");
        assertThat(WeComMock.extract(event, "TaskId")).isEqualTo("tkt-T-7-1");
        assertThat(WeComMock.extract(event, "CardType")).isEqualTo("button_interaction");
        assertThat(WeComMock.extract(event, "FromUserName")).isEqualTo("WeComUser001");
        assertThat(WeComMock.extract(event, "ResponseCode")).isEqualTo(click.get("responseCode").asText());
        JsonNode c = templateCard("tkt-T-7-1");
        assertThat(c.get("updateCount").asInt()).isEqualTo(1);
        assertThat(c.at("/recipients/wecomuser001/replaceName").asText()).isEqualTo("已接单");
        assertThat(c.at("/recipients/wecomuser002/replaceName").isNull()).isTrue();
        assertThat(c.at("/clicks/0/key").asText()).isEqualTo("accept:T-7");

        Http.Res again = postJson(mock().baseUrl() + "/mock-admin/template-cards/tkt-T-7-1/click",
                "{\"userid\":\"WeComUser001\",\"key\":\"accept:T-7\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asText()).contains("replaced by '已接单'");
    }

    @Test
    void theClicksResponseCodeUpdatesTheCardOnceForTheNamedMembers() {
        send(mock(), token(mock()), card("tkt-T-7-2", ACCEPT));
        hub.answering(r -> TinyHub.Answer.ok("success"));
        JsonNode click = admin(mock(), "template-cards/tkt-T-7-2/click",
                "{\"userid\":\"WeComUser002\",\"key\":\"accept:T-7\"}");
        assertThat(click.get("accepted").asBoolean()).isTrue();
        assertThat(click.get("passiveUpdate").isNull()).isTrue();

        String url = mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + token(mock());
        String update = "{\"userids\":[\"WeComUser001\",\"WeComUser002\",\"Stranger\"],\"agentid\":1000002,"
                + "\"response_code\":\"" + click.get("responseCode").asText() + "\",\"button\":{\"replace_name\":"
                + "\"已由 李娜 接单\"}}";
        JsonNode first = postJson(url, update).json();
        assertThat(first.get("errcode").asInt()).isZero();
        assertThat(first.get("invaliduser").asText()).isEqualTo("stranger");
        assertThat(postJson(url, update).json().get("errcode").asInt()).isEqualTo(40029);
        JsonNode c = templateCard("tkt-T-7-2");
        assertThat(c.get("updateCount").asInt()).isEqualTo(1);
        assertThat(c.at("/recipients/wecomuser001/replaceName").asText()).isEqualTo("已由 李娜 接单");
        assertThat(c.at("/recipients/wecomuser002/replaceName").asText()).isEqualTo("已由 李娜 接单");
    }

    @Test
    void aWholeCardReplacementOffersNewButtons() {
        String sent = send(mock(), token(mock()), card("tkt-T-7-3", ACCEPT)).json().get("response_code").asText();
        String url = mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + token(mock());
        assertThat(postJson(url, "{\"atall\":1,\"agentid\":1000002,\"response_code\":\"" + sent + "\","
                + "\"template_card\":{\"card_type\":\"button_interaction\",\"task_id\":\"tkt-T-7-3\",\"button_list\":"
                + "[{\"text\":\"到场\",\"key\":\"arrive:T-7\"}]}}").json().get("errcode").asInt()).isZero();

        Http.Res old = postJson(mock().baseUrl() + "/mock-admin/template-cards/tkt-T-7-3/click",
                "{\"userid\":\"WeComUser001\",\"key\":\"accept:T-7\"}");
        assertThat(old.status()).isEqualTo(400);
        assertThat(admin(mock(), "template-cards/tkt-T-7-3/click", "{\"userid\":\"WeComUser001\","
                + "\"key\":\"arrive:T-7\"}").get("accepted").asBoolean()).isTrue();
        assertThat(WeComMock.extract(decrypted(hub.received().get(0)), "EventKey")).isEqualTo("arrive:T-7");
    }

    @Test
    void onlyRecipientsCanClickAndAnUpdateButtonWithoutANameIsRefused() {
        send(mock(), token(mock()), card("tkt-T-7-4", ACCEPT));
        Http.Res stranger = postJson(mock().baseUrl() + "/mock-admin/template-cards/tkt-T-7-4/click",
                "{\"userid\":\"WeComUser005\",\"key\":\"accept:T-7\"}");
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.json().get("error").asText()).contains("did not receive");
        assertThat(hub.received()).isEmpty();

        hub.answering(r -> TinyHub.Answer.ok(updateButton("")));
        JsonNode bad = admin(mock(), "template-cards/tkt-T-7-4/click",
                "{\"userid\":\"WeComUser005\",\"key\":\"accept:T-7\",\"anyone\":true}");
        assertThat(bad.get("accepted").asBoolean()).isFalse();
        assertThat(bad.get("verdict").asText()).contains("without Button/ReplaceName");
        assertThat(templateCard("tkt-T-7-4").get("updateCount").asInt()).isZero();
    }

    @Test
    void aLateReplyIsReSentWithTheSameEventAndItsPassiveUpdateCountsOnce() {
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.url("/callbacks/wecom") + "\","
                + "\"replyTimeoutMs\":300,\"retryDelaysMs\":[0,0]}}");
        send(mock(), token(mock()), card("tkt-T-7-5", ACCEPT));
        hub.answering(r -> new TinyHub.Answer(200, updateButton("已接单"), hub.received().size() == 1 ? 1000 : 0));
        JsonNode first = admin(mock(), "template-cards/tkt-T-7-5/click",
                "{\"userid\":\"WeComUser001\",\"key\":\"accept:T-7\"}");
        assertThat(first.get("verdict").asText()).isEqualTo("no reply within 300 ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.received().size() >= 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> templateCard("tkt-T-7-5").get("updateCount").asInt() == 1);
        assertThat(decrypted(hub.received().get(1))).isEqualTo(decrypted(hub.received().get(0)));
        assertThat(templateCard("tkt-T-7-5").get("updateCount").asInt()).isEqualTo(1);
    }
}
