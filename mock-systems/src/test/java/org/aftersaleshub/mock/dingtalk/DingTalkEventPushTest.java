package org.aftersaleshub.mock.dingtalk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.aftersaleshub.mock.imcrm.Http.JSON;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.mock.HubStub;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/dingtalk.md §6, §9.6, §10.3–§10.5: the mock as DingTalk pushing encrypted events to the hub, with
 * re-sends.
 */
class DingTalkEventPushTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    /** docs/vendor-apis/dingtalk.md §10.3 (official push) and §10.4 (official reply) configurations. */
    static final String OFFICIAL_PUSH_CONFIG = "{\"token\":\"mryue\",\"aesKey\":\"Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7\","
            + "\"ownerKey\":\"ding6ccabc44d2c8d38b\"";
    static final String REPLY_CONFIG = "{\"token\":\"123456\",\"aesKey\":\"1234567890123456789012345678901234567890123\","
            + "\"ownerKey\":\"dingsnotzck6pm5veliw\"";
    static final String OFFICIAL_REPLY = "{\"msg_signature\":\"9a95a004dd16f5c307e849b994173f76aa26e5eb\",\"timeStamp\":\"1614767836\","
            + "\"nonce\":\"A7Co0cJLMzIDtMMI\",\"encrypt\":\"YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5T0YQXZNwpwWSm1xAFJ5ZA==\"}";
    static final String DERIVED_REPLY = "{\"msg_signature\":\"521e05a884625444141853c662679f11bf701bbb\",\"timeStamp\":\"1700000000000\","
            + "\"nonce\":\"nonce12345678901\",\"encrypt\":\"XAJ8DensDw7dyDguSs6YzcXlC6jVdu35UT+MpIchwaoiePY+VoNmfsZBFMIC3EFe23BP5MkDIu3zGjdPCVxjFw==\"}";

    @RegisterExtension
    WireMockExtension hub = HubStub.perTest();

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    void configure(String cryptoConfig, String extra) {
        admin(mock(), "config", "{\"callback\":" + cryptoConfig + ",\"url\":\"" + hub.baseUrl() + "/dingtalk/events\"" + extra + "}}");
    }

    List<LoggedRequest> received() {
        return hub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/dingtalk/events")));
    }

    @Test
    void checkUrlPushIsTheOfficialCiphertextAndSignature() throws Exception {
        configure(OFFICIAL_PUSH_CONFIG, "");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson("{}")));
        admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"},\"random16\":\"l7Y3EcX2CU5w8av3\","
                + "\"timestamp\":\"1608001896814\",\"nonce\":\"WL4PK6yA\"}");
        LoggedRequest r = received().get(0);
        assertThat(r.queryParameter("msg_signature").firstValue()).isEqualTo("03044561471240d4a14bb09372dfcfd4fd0e40cb");
        assertThat(r.queryParameter("timestamp").firstValue()).isEqualTo("1608001896814");
        assertThat(r.queryParameter("nonce").firstValue()).isEqualTo("WL4PK6yA");
        assertThat(JSON.readTree(r.getBodyAsString()).get("encrypt").asText()).isEqualTo(
                "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3");
    }

    @Test
    void approvalEventsDecryptToWhatWasPushedWithTheAppKeyAsOwner() throws Exception {
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson("{}")));
        configure("{\"retryDelaysMs\":[]", "");
        String event = "{\"EventType\":\"bpms_instance_change\",\"eventId\":\"e-1\",\"processInstanceId\":\"p-1\","
                + "\"type\":\"finish\",\"result\":\"agree\",\"title\":\"备件申领\"}";
        admin(mock(), "callback/push", "{\"event\":" + event + "}");
        LoggedRequest r = received().get(0);
        var crypto = new WxCallbackCrypto("aftersalesdemo", "ptgUzEjfebzJ6sZWdoHIxrXl0gqn87b1PZqZrmktsO3");
        String plain = crypto.verifyAndDecrypt(r.queryParameter("msg_signature").firstValue(),
                r.queryParameter("timestamp").firstValue(), r.queryParameter("nonce").firstValue(),
                JSON.readTree(r.getBodyAsString()).get("encrypt").asText(), "dingaftersalesdemo01");
        assertThat(JSON.readTree(plain)).isEqualTo(JSON.readTree(event));
        assertThat(r.queryParameter("timestamp").firstValue()).hasSize(13);
        assertThat(r.queryParameter("nonce").firstValue()).hasSize(8);
    }

    @Test
    void acceptsTheOfficialAndTheDerivedSuccessReplies() {
        configure(REPLY_CONFIG, "");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson(OFFICIAL_REPLY)));
        JsonNode first = admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}");
        assertThat(first.get("accepted").asBoolean()).isTrue();
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson(DERIVED_REPLY)));
        assertThat(admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"bpms_task_change\"}}").get("accepted").asBoolean()).isTrue();
        assertThat(mock().callbackAttempts()).hasSize(2).allMatch(CallbackSender.Attempt::accepted);
    }

    @Test
    void aReplyWithAOneCharacterChangeIsRejectedAndReSent() {
        configure(REPLY_CONFIG, ",\"retryDelaysMs\":[50,100]");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson(DERIVED_REPLY.replace("521e05", "521e06"))));
        JsonNode first = admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}");
        assertThat(first.get("accepted").asBoolean()).isFalse();
        assertThat(first.get("verdict").asText()).isEqualTo("900006 signature mismatch");
        await().atMost(Duration.ofSeconds(10)).until(() -> mock().callbackAttempts().size() == 3);
        assertThat(mock().callbackAttempts()).extracting(CallbackSender.Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(received()).hasSize(3);
    }

    @Test
    void aReplyForAnotherOwnerKeyIsRejected() {
        configure(REPLY_CONFIG.replace("dingsnotzck6pm5veliw", "dingotherappkey00001"), ",\"retryDelaysMs\":[]");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson(OFFICIAL_REPLY)));
        JsonNode first = admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}");
        assertThat(first.get("verdict").asText()).startsWith("900010");
    }

    @Test
    void nonJsonAndErrorRepliesFail() {
        configure(REPLY_CONFIG, ",\"retryDelaysMs\":[]");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(aResponse().withStatus(200).withBody("success")));
        assertThat(admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}").get("verdict").asText())
                .contains("not JSON");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(okJson("{\"msg_signature\":\"x\"}")));
        assertThat(admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}").get("verdict").asText())
                .contains("missing timeStamp");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(aResponse().withStatus(500)));
        assertThat(admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"}}").get("verdict").asText())
                .isEqualTo("HTTP 500");
    }

    @Test
    void aLateReplyIsReSentAfterTheConfiguredDelaysUntilAGoodOne() {
        configure(REPLY_CONFIG, ",\"replyTimeoutMs\":300,\"retryDelaysMs\":[200,400]");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).inScenario("late").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(DERIVED_REPLY).withFixedDelay(1500)).willSetStateTo("fast"));
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).inScenario("late").whenScenarioStateIs("fast")
                .willReturn(okJson("{}")).willSetStateTo("good"));
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).inScenario("late").whenScenarioStateIs("good")
                .willReturn(okJson(DERIVED_REPLY)));
        JsonNode first = admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"bpms_instance_change\",\"eventId\":\"e-9\"}}");
        assertThat(first.get("verdict").asText()).isEqualTo("no reply within 300 ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> mock().callbackAttempts().size() == 3);
        List<CallbackSender.Attempt> attempts = mock().callbackAttempts();
        assertThat(attempts).extracting(CallbackSender.Attempt::accepted).containsExactly(false, false, true);
        assertThat(attempts.get(1).verdict()).contains("missing msg_signature");
        assertThat(attempts.get(1).sentAtMillis() - attempts.get(0).sentAtMillis()).isGreaterThanOrEqualTo(200);
        assertThat(attempts.get(2).sentAtMillis() - attempts.get(1).sentAtMillis()).isGreaterThanOrEqualTo(400);
        assertThat(attempts).extracting(CallbackSender.Attempt::deliveryId).containsOnly(attempts.get(0).deliveryId());
    }

    @Test
    void negativeCasesForTheHubTamperedSignatureAndWrongOwnerKey() throws Exception {
        configure(REPLY_CONFIG, ",\"retryDelaysMs\":[]");
        hub.stubFor(post(urlPathEqualTo("/dingtalk/events")).willReturn(aResponse().withStatus(403)));
        admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"},\"tamperSignature\":true}");
        admin(mock(), "callback/push", "{\"event\":{\"EventType\":\"check_url\"},\"ownerKey\":\"ding_wrong_corp\"}");
        var crypto = new WxCallbackCrypto("123456", "1234567890123456789012345678901234567890123");
        LoggedRequest tampered = received().get(0);
        String enc = JSON.readTree(tampered.getBodyAsString()).get("encrypt").asText();
        assertThat(tampered.queryParameter("msg_signature").firstValue()).isNotEqualTo(crypto.signature(
                tampered.queryParameter("timestamp").firstValue(), tampered.queryParameter("nonce").firstValue(), enc));
        LoggedRequest wrongOwner = received().get(1);
        assertThat(crypto.decrypt(JSON.readTree(wrongOwner.getBodyAsString()).get("encrypt").asText()).receiveId())
                .isEqualTo("ding_wrong_corp");
    }

    @Test
    void pushWithoutAConfiguredUrlIsAClearAdminError() {
        var r = postJson(mock().baseUrl() + "/mock-admin/callback/push", "{\"event\":{\"EventType\":\"check_url\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("no callback url configured");
    }
}
