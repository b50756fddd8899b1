package org.aftersaleshub.mock.wecom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.mock.HubStub;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/wecom.md §4, §6.4, §7.1–§7.3, §7.5, §7.6: the mock as WeCom calling the hub. */
class WeComCallbackTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    static final String TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    static final String AES = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    static final String CORP = "ww1436e0e65a779aee";
    static final String OFFICIAL_ENCRYPT = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew"
            + "+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24Yhm"
            + "ZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocu"
            + "gux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
    static final String OFFICIAL_PLAIN = "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName>"
            + "<CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId>"
            + "<AgentID>1000002</AgentID></xml>";
    static final String PASSIVE_REPLY = "<xml><Encrypt><![CDATA[scEag1243Fmy/fYz4Ux8D0zExmv57p3MkgGBRUvMJJFNuDUx7PKFpbTVqbj5K3FSVzScdiz87AtswcW0Lv6TQ0B0Fc7hHbdmHLrgZz68gkoPrCaImh9P/9TQQIUu1cc9/Lstl3ff3eQc+OvYcg99FK/1Nh3k9FVA5GclgH2neqQ1ACBp+zu9RFuo6xCJZrEi7LqvaBB4oiRvEc9zz2zWSRM6BA5tMg1OOcT8rpc9VUujQKAa1voEBvJ0a8DjVGXB]]></Encrypt>"
            + "<MsgSignature><![CDATA[994d0a633f777b7e4956989dc29fc84fa4210710]]></MsgSignature><TimeStamp>1700000000</TimeStamp>"
            + "<Nonce><![CDATA[123456]]></Nonce></xml>";

    @RegisterExtension
    WireMockExtension hub = HubStub.perTest();

    WeComMock mock() {
        return mocks.get(WeComMock.class);
    }

    /** Switches the mock to the official sample corp, token and key, pointing at the test's hub. */
    void officialConfig(String extra) {
        admin(mock(), "seed", "{\"wecom\":{\"corpId\":\"" + CORP + "\"}}");
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.baseUrl() + "/wecom/callback\",\"token\":\"" + TOKEN
                + "\",\"aesKey\":\"" + AES + "\"" + extra + "}}");
    }

    List<LoggedRequest> received() {
        return hub.findAll(anyRequestedFor(urlPathEqualTo("/wecom/callback")));
    }

    @Test
    void urlVerificationSendsTheDerivedUrlEncodedEchostrAndWantsThePlaintextBack() {
        officialConfig("");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok("1234567890123456789")));
        JsonNode a = admin(mock(), "callback/verify-url", "{\"plaintext\":\"1234567890123456789\",\"random16\":\"RANDOMRANDOMRAND\","
                + "\"timestamp\":\"1700000000\",\"nonce\":\"987654\"}");
        assertThat(a.get("accepted").asBoolean()).isTrue();
        assertThat(a.get("method").asText()).isEqualTo("GET");
        assertThat(a.get("url").asText()).endsWith("/wecom/callback?msg_signature=4a7766f4027822cd8a77eb6ef22f591710b67be2"
                + "&timestamp=1700000000&nonce=987654"
                + "&echostr=tDlielfIcvVAIcICe0moa%2FBfw0rOfZygbEDzbNwZgATJUxBP9oxuLJLg4ziXkuCVYRFojzz%2F4z7C%2BfNh0pCzzw%3D%3D");
    }

    @Test
    void urlVerificationRejectsAQuotedOrNewlineTerminatedAnswer() {
        officialConfig("");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok("1234567890123456789\n")));
        JsonNode a = admin(mock(), "callback/verify-url", "{\"plaintext\":\"1234567890123456789\"}");
        assertThat(a.get("accepted").asBoolean()).isFalse();
        assertThat(a.get("verdict").asText()).startsWith("reply is not exactly the echostr plaintext");
        assertThat(mock().callbackAttempts()).hasSize(1);
    }

    @Test
    void anEventPushReproducesTheOfficialSampleCiphertext() throws Exception {
        officialConfig(",\"retryDelaysMs\":[]");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok("")));
        byte[] random16 = new WxCallbackCrypto(TOKEN, AES).decrypt(OFFICIAL_ENCRYPT).random16();
        String body = "{\"xml\":" + org.aftersaleshub.mock.imcrm.Http.JSON.writeValueAsString(OFFICIAL_PLAIN)
                + ",\"random16\":\"" + new String(random16, StandardCharsets.UTF_8) + "\",\"timestamp\":\"1476422779\",\"nonce\":\"1597212914\"}";
        JsonNode a = admin(mock(), "callback/push", body);
        assertThat(a.get("accepted").asBoolean()).isTrue();
        LoggedRequest r = received().get(0);
        assertThat(r.queryParameter("msg_signature").firstValue()).isEqualTo("0c3914025cb4b4d68103f6bfc8db550f79dcf48e");
        assertThat(r.getBodyAsString()).isEqualTo("<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><Encrypt><![CDATA["
                + OFFICIAL_ENCRYPT + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
    }

    @Test
    void acceptsTheDerivedEncryptedPassiveReplyAndRejectsAOneCharacterChange() {
        officialConfig(",\"retryDelaysMs\":[]");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok(PASSIVE_REPLY)));
        assertThat(admin(mock(), "callback/push", "{\"xml\":\"<xml><MsgType>event</MsgType><Event>enter_agent</Event></xml>\"}")
                .get("accepted").asBoolean()).isTrue();
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok(PASSIVE_REPLY.replace("994d0a", "994d0b"))));
        JsonNode bad = admin(mock(), "callback/push", "{\"xml\":\"<xml><MsgType>event</MsgType><Event>enter_agent</Event></xml>\"}");
        assertThat(bad.get("verdict").asText()).isEqualTo("-40001 signature mismatch");
    }

    @Test
    void templateCardClickCarriesAResponseCodeUsableOnceInUpdateTemplateCard() throws Exception {
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.baseUrl() + "/wecom/callback\"}}");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok("")));
        JsonNode a = admin(mock(), "card/click", "{\"userId\":\"WeComUser001\",\"eventKey\":\"ack_ticket_123\",\"taskId\":\"ticket-123\"}");
        assertThat(a.get("accepted").asBoolean()).isTrue();

        LoggedRequest r = received().get(0);
        var crypto = new WxCallbackCrypto("aftersalesWeComToken", "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB");
        String enc = WeComMock.extract(r.getBodyAsString(), "Encrypt");
        String xml = crypto.verifyAndDecrypt(r.queryParameter("msg_signature").firstValue(), r.queryParameter("timestamp").firstValue(),
                r.queryParameter("nonce").firstValue(), enc, "wwa1b2c3d4e5f60718");
        assertThat(WeComMock.extract(xml, "Event")).isEqualTo("template_card_event");
        assertThat(WeComMock.extract(xml, "EventKey")).isEqualTo("ack_ticket_123");
        assertThat(WeComMock.extract(xml, "TaskId")).isEqualTo("ticket-123");
        assertThat(WeComMock.extract(xml, "FromUserName")).isEqualTo("WeComUser001");
        String code = WeComMock.extract(xml, "ResponseCode");

        String token = WeComApiTest.token(mock());
        String update = "{\"userids\":[\"WeComUser001\"],\"agentid\":1000002,\"response_code\":\"" + code
                + "\",\"button\":{\"replace_name\":\"已接单\"}}";
        assertThat(postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + token, update).json()
                .get("errcode").asInt()).isZero();
        assertThat(postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + token, update).json()
                .get("errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void approvalChangeEvent() {
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.baseUrl() + "/wecom/callback\"}}");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(ok("")));
        admin(mock(), "callback/approval", "{\"userId\":\"WeComUser005\",\"spNo\":\"202601010001\",\"spStatus\":2}");
        var crypto = new WxCallbackCrypto("aftersalesWeComToken", "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB");
        String xml = crypto.decrypt(WeComMock.extract(received().get(0).getBodyAsString(), "Encrypt")).message();
        assertThat(WeComMock.extract(xml, "Event")).isEqualTo("sys_approval_change");
        assertThat(WeComMock.extract(xml, "SpNo")).isEqualTo("202601010001");
        assertThat(WeComMock.extract(xml, "SpStatus")).isEqualTo("2");
        assertThat(state(mock()).at("/callbacks/attempts/0/kind").asText()).isEqualTo("event:sys_approval_change");
    }

    @Test
    void aBadOrLateReplyIsReSent() {
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.baseUrl() + "/wecom/callback\",\"replyTimeoutMs\":300,"
                + "\"retryDelaysMs\":[0,0,0]}}");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(aResponse().withStatus(200).withBody("").withFixedDelay(1000)));
        JsonNode first = admin(mock(), "callback/push", "{\"xml\":\"<xml><MsgType>event</MsgType><Event>enter_agent</Event></xml>\"}");
        assertThat(first.get("verdict").asText()).isEqualTo("no reply within 300 ms");
        await().atMost(Duration.ofSeconds(15)).until(() -> mock().callbackAttempts().size() == 4);
        assertThat(mock().callbackAttempts()).extracting(CallbackSender.Attempt::attempt).containsExactly(1, 2, 3, 4);
        assertThat(mock().callbackAttempts()).noneMatch(CallbackSender.Attempt::accepted);
    }

    @Test
    void tamperedSignatureForTheHubToReject() {
        officialConfig(",\"retryDelaysMs\":[]");
        hub.stubFor(any(urlPathEqualTo("/wecom/callback")).willReturn(aResponse().withStatus(403)));
        JsonNode a = admin(mock(), "callback/verify-url", "{\"plaintext\":\"1234567890123456789\",\"random16\":\"RANDOMRANDOMRAND\","
                + "\"timestamp\":\"1700000000\",\"nonce\":\"987654\",\"tamperSignature\":true}");
        assertThat(a.get("url").asText()).contains("msg_signature=4a7766f4027822cd8a77eb6ef22f591710b67be0");
        assertThat(a.get("verdict").asText()).isEqualTo("HTTP 403");
    }
}
