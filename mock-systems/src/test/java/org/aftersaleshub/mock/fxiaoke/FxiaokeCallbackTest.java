package org.aftersaleshub.mock.fxiaoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.aftersaleshub.mock.fxiaoke.FxiaokeTokenAndLimitsTest.legacyCall;
import static org.aftersaleshub.mock.fxiaoke.FxiaokeTokenAndLimitsTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.JSON;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.mock.HubStub;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/fxiaoke.md §6, §7.4, §8: signed, encrypted data-change callbacks re-sent with an increasing
 * retryTimes.
 */
class FxiaokeCallbackTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    /** The official demo's vector (fsxiaoke/open-fxiaoke-demo, EventCallbackControllerTest + controller key). */
    static final String DEMO_KEY = "O0YjM0EDOygzNykzMzUjLwUTN3MjL5ADN1QjM5gTM0A=";
    static final String DEMO_PLAIN = "{\"tenantId\":691413,\"eventType\":\"update\",\"apiName\":\"AccountObj\","
            + "\"dataId\":\"5f9cd4e6e4400e0001217faa\",\"timestamp\":1604644208525,\"messageId\":\"AC11291700002A9F00000608C038697A0\"}";
    static final String DEMO_ENCRYPTED = "tRPD30ygQKxFurdWxHQKpRypuXNbRcW/knsKZBCPJv9bsKnQJlUr26USpOgJqhVUm5Q2NiVG1IBrCr0dbrsreRZY6Z5/fbw75IlGQ2d7PkMWtVTAE0RG62j7HJQWAwm+XdmQC4y1AbjHzatjjrXiCKcId112DHZSqB0qznivDStywTjscnNWhaR7xbnSbmKQWsF5YlPUEudZ+P07Ol/cd6F8IXOo+nEu7UH21hRSgKI=";

    @RegisterExtension
    WireMockExtension hub = HubStub.perTest();

    FxiaokeMock mock() {
        return mocks.get(FxiaokeMock.class);
    }

    /** The reply the demo controller gives: {timestamp, nonce, encryptedResult, signature}. */
    static String successReply(String aesKey, String text) {
        String enc = FxiaokeMock.aesEncrypt(text, aesKey);
        return "{\"timestamp\":1700000000000,\"nonce\":\"123456\",\"encryptedResult\":\"" + enc + "\",\"signature\":\""
                + FxiaokeMock.sha1Hex("1700000000000" + "123456" + enc + aesKey) + "\"}";
    }

    List<JsonNode> received() {
        return hub.findAll(postRequestedFor(urlPathEqualTo("/crm/callback"))).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    void configure(String key, String account, String extra) {
        admin(mock(), "config", "{\"callback\":{\"url\":\"" + hub.baseUrl() + "/crm/callback\",\"aesKey\":\"" + key
                + "\",\"enterpriseAccount\":\"" + account + "\"" + extra + "}}");
    }

    @Test
    void reproducesTheOfficialDemoSignatureAndCiphertext() throws Exception {
        configure(DEMO_KEY, "gxcxkj", ",\"retryDelaysMs\":[]");
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).willReturn(okJson(successReply(DEMO_KEY, "success"))));
        JsonNode a = admin(mock(), "callback/push", "{\"plaintext\":" + JSON.writeValueAsString(DEMO_PLAIN)
                + ",\"timestamp\":1604644770244,\"nonce\":\"mi3wrpKNnq4YdIZC\",\"messageId\":\"AC11291700002A9F00000608C038697A0\",\"retryTimes\":1}");
        assertThat(a.get("accepted").asBoolean()).isTrue();
        JsonNode body = received().get(0);
        assertThat(body.get("signature").asText()).isEqualTo("4d7c6742d8efed705054fe895ee487df738c8c50");
        assertThat(body.get("encryptedContent").asText()).isEqualTo(DEMO_ENCRYPTED);
        assertThat(body.get("timestamp").asLong()).isEqualTo(1604644770244L);
        assertThat(body.get("retryTimes").asInt()).isEqualTo(1);
        assertThat(body.get("enterpriseAccount").asText()).isEqualTo("gxcxkj");
        assertThat(FxiaokeMock.aesDecrypt(body.get("encryptedContent").asText(), DEMO_KEY)).isEqualTo(DEMO_PLAIN);
    }

    @Test
    void aRecordChangePushesAnEventNamingTheRecord() throws Exception {
        String key = "YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=";
        configure(key, "aftersalesdemo", "");
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).willReturn(okJson(successReply(key, "success"))));
        String token = legacyToken(mock());
        legacyCall(mock(), "update", token, "{\"object_data\":{\"_id\":\"600000000000000000000005\",\"dataObjectApiName\":\"AccountObj\",\"tel\":\"9\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> mock().callbackAttempts().size() == 1);
        assertThat(mock().callbackAttempts().get(0).accepted()).isTrue();
        JsonNode body = received().get(0);
        assertThat(body.has("retryTimes")).isFalse();
        String expectedSig = FxiaokeMock.sha1Hex(body.get("timestamp").asText() + body.get("nonce").asText() + body.get("messageId").asText()
                + "aftersalesdemo" + body.get("encryptedContent").asText() + key);
        assertThat(body.get("signature").asText()).isEqualTo(expectedSig);
        JsonNode event = JSON.readTree(FxiaokeMock.aesDecrypt(body.get("encryptedContent").asText(), key));
        assertThat(event.get("eventType").asText()).isEqualTo("update");
        assertThat(event.get("apiName").asText()).isEqualTo("AccountObj");
        assertThat(event.get("dataId").asText()).isEqualTo("600000000000000000000005");
        assertThat(event.get("messageId").asText()).isEqualTo(body.get("messageId").asText());
    }

    @Test
    void badOrLateRepliesAreReSentWithIncreasingRetryTimes() {
        String key = "YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=";
        configure(key, "aftersalesdemo", ",\"replyTimeoutMs\":300,\"retryDelaysMs\":[50,50,50]");
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(successReply(key, "success")).withFixedDelay(1500)).willSetStateTo("wrong"));
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).inScenario("s").whenScenarioStateIs("wrong")
                .willReturn(okJson(successReply(key, "sinature is wrong"))).willSetStateTo("tampered"));
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).inScenario("s").whenScenarioStateIs("tampered")
                .willReturn(okJson(successReply(key, "success").replace("\"nonce\":\"123456\"", "\"nonce\":\"123457\""))).willSetStateTo("good"));
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).inScenario("s").whenScenarioStateIs("good")
                .willReturn(okJson(successReply(key, "success"))));
        JsonNode first = admin(mock(), "callback/push", "{\"eventType\":\"update\",\"apiName\":\"AccountObj\",\"dataId\":\"600000000000000000000001\"}");
        assertThat(first.get("verdict").asText()).isEqualTo("no reply within 300 ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> mock().callbackAttempts().size() == 4);
        List<CallbackSender.Attempt> attempts = mock().callbackAttempts();
        assertThat(attempts).extracting(CallbackSender.Attempt::verdict).containsExactly("no reply within 300 ms",
                "decrypted reply is 'sinature is wrong', not 'success'", "reply signature mismatch", "accepted");
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 4);
        assertThat(received()).extracting(b -> b.path("retryTimes").asText("-")).containsExactly("-", "1", "2", "3");
        assertThat(received()).extracting(b -> b.get("messageId").asText()).containsOnly(received().get(0).get("messageId").asText());
    }

    @Test
    void negativeCasesTamperedSignatureAndWrongKey() throws Exception {
        String key = "YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=";
        configure(key, "aftersalesdemo", ",\"retryDelaysMs\":[]");
        hub.stubFor(post(urlPathEqualTo("/crm/callback")).willReturn(aResponse().withStatus(200).withBody("{}")));
        admin(mock(), "callback/push", "{\"dataId\":\"600000000000000000000001\",\"tamperSignature\":true}");
        admin(mock(), "callback/push", "{\"dataId\":\"600000000000000000000001\",\"aesKey\":\"" + DEMO_KEY + "\"}");
        JsonNode tampered = received().get(0);
        assertThat(tampered.get("signature").asText()).isNotEqualTo(FxiaokeMock.sha1Hex(tampered.get("timestamp").asText()
                + tampered.get("nonce").asText() + tampered.get("messageId").asText() + "aftersalesdemo"
                + tampered.get("encryptedContent").asText() + key));
        JsonNode wrongKey = received().get(1);
        assertThat(FxiaokeMock.aesDecrypt(wrongKey.get("encryptedContent").asText(), DEMO_KEY)).contains("\"dataId\":\"600000000000000000000001\"");
        assertThat(mock().callbackAttempts()).extracting(CallbackSender.Attempt::verdict).containsOnly("reply lacks timestamp");
    }
}
