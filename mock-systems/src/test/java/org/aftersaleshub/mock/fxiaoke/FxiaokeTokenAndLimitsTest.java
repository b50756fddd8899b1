package org.aftersaleshub.mock.fxiaoke;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/fxiaoke.md §3, §4, §7.1, §7.2: tokens of both generations, auth errors, token and per-path limits.
 */
class FxiaokeTokenAndLimitsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    static final String CREDS = "\"appId\":\"FSAID_13189e1aftersalesdemo\",\"appSecret\":\"demo-fxiaoke-app-secret-aftersales-hub\","
            + "\"permanentCode\":\"demo-fxiaoke-permanent-code-0001\"";
    static final String CORP = "FSCID_aftersalesdemo0001";

    FxiaokeMock mock() {
        return mocks.get(FxiaokeMock.class);
    }

    static String legacyToken(FxiaokeMock m) {
        return postJson(m.baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json().get("corpAccessToken").asText();
    }

    static Http.Res legacyCall(FxiaokeMock m, String action, String token, String data) {
        return postJson(m.baseUrl() + "/cgi/crm/v2/data/" + action + "?thirdTraceId=" + java.util.UUID.randomUUID(),
                "{\"corpAccessToken\":\"" + token + "\",\"corpId\":\"" + CORP + "\",\"currentOpenUserId\":\"FSUID_aftersalesdemo1000\","
                        + "\"data\":" + data + "}");
    }

    static final String GET_ACCOUNT = "{\"dataObjectApiName\":\"AccountObj\",\"objectDataId\":\"600000000000000000000001\"}";

    @Test
    void legacyTokenIsReusedFor6600SecondsThenANewOneWhileTheOldStaysValid() {
        var r = postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json();
        assertThat(r.get("errorCode").asInt()).isZero();
        assertThat(r.get("corpId").asText()).isEqualTo(CORP);
        assertThat(r.get("expiresIn").asInt()).isEqualTo(7200);
        String t1 = r.get("corpAccessToken").asText();
        advance(mock(), Duration.ofSeconds(6599));
        assertThat(legacyToken(mock())).isEqualTo(t1);
        advance(mock(), Duration.ofSeconds(2));
        String t2 = legacyToken(mock());
        assertThat(t2).isNotEqualTo(t1);
        assertThat(legacyCall(mock(), "get", t1, GET_ACCOUNT).json().get("errorCode").asInt()).isZero();
        advance(mock(), Duration.ofSeconds(600));
        var expired = legacyCall(mock(), "get", t1, GET_ACCOUNT).json();
        assertThat(expired.get("errorCode").asInt()).isEqualTo(20016);
        assertThat(expired.get("errorMessage").asText()).isEqualTo("the cropId,cropAccessToken or authorization is error");
        assertThat(legacyCall(mock(), "get", t2, GET_ACCOUNT).json().get("errorCode").asInt()).isZero();
    }

    @Test
    void newStyleTokenWithHeaderAuth() {
        var r = postJson(mock().baseUrl() + "/oauth2.0/token", "{" + CREDS + ",\"grantType\":\"app_secret\"}").json();
        assertThat(r.get("errorCode").asInt()).isZero();
        assertThat(r.get("errorMessage").asText()).isEqualTo("success");
        assertThat(r.get("ea").asText()).isEqualTo("aftersalesdemo");
        assertThat(r.get("traceId").asText()).startsWith("E-O.");
        var call = send("POST", mock().baseUrl() + "/cgi/crm/v2/data/get", Map.of("Content-Type", "application/json",
                "authorization", "Bearer " + r.get("accessToken").asText(), "x-fs-ea", "aftersalesdemo", "x-fs-userid", "1000"),
                "{\"data\":" + GET_ACCOUNT + "}").json();
        assertThat(call.get("errorCode").asInt()).isZero();
        assertThat(call.at("/data/name").asText()).isEqualTo("上海精工机械有限公司");
        var wrongEa = send("POST", mock().baseUrl() + "/cgi/crm/v2/data/get", Map.of("Content-Type", "application/json",
                "authorization", "Bearer " + r.get("accessToken").asText(), "x-fs-ea", "other"), "{\"data\":" + GET_ACCOUNT + "}").json();
        assertThat(wrongEa.get("errorCode").asInt()).isEqualTo(20016);
    }

    @Test
    void badSecretMissingAuthAndForgedToken() {
        var bad = postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS.replace("hub\"", "hux\"") + "}");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().get("errorCode").asInt()).isEqualTo(10006);
        assertThat(bad.json().get("errorMessage").asText()).isEqualTo("the parameter appSecret is missing or illegal");
        var none = postJson(mock().baseUrl() + "/cgi/crm/v2/data/get", "{\"data\":" + GET_ACCOUNT + "}").json();
        assertThat(none.get("errorCode").asInt()).isEqualTo(20017);
        assertThat(none.get("errorMessage").asText()).isEqualTo("corpAccessToken为必填项，不能为空");
        assertThat(legacyCall(mock(), "get", "FORGED", GET_ACCOUNT).json().get("errorCode").asInt()).isEqualTo(20016);
        admin(mock(), "tokens/expire", "{}");
        assertThat(state(mock()).get("tokenCalls").findValuesAsText("outcome")).containsExactly("10006 appSecret");
    }

    @Test
    void moreThanTenTokenCallsAMinuteAreRejected() {
        for (int i = 0; i < 10; i++) {
            legacyToken(mock());
        }
        var eleventh = postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json();
        assertThat(eleventh.get("errorCode").asInt()).isEqualTo(30004);
        assertThat(eleventh.has("corpAccessToken")).isFalse();
        advance(mock(), Duration.ofSeconds(61));
        assertThat(postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json().get("errorCode").asInt()).isZero();
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind")).containsExactly("token-burst");
    }

    @Test
    void concurrentTokenCallsAreRejected() {
        admin(mock(), "config", "{\"tokenServiceTimeMs\":1500}");
        List<CompletableFuture<JsonNode>> calls = List.of(
                CompletableFuture.supplyAsync(() -> postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json()),
                CompletableFuture.supplyAsync(() -> postJson(mock().baseUrl() + "/cgi/corpAccessToken/get/V2", "{" + CREDS + "}").json()));
        List<Integer> codes = calls.stream().map(CompletableFuture::join).map(j -> j.get("errorCode").asInt()).toList();
        assertThat(codes).containsExactlyInAnyOrder(0, 30004);
        assertThat(state(mock()).get("tokenCalls").findValuesAsText("outcome")).contains("rejected concurrent");
    }

    @Test
    void hundredCallsPer20SecondsPerPathThen30004() {
        String t = legacyToken(mock());
        for (int i = 0; i < 100; i++) {
            assertThat(legacyCall(mock(), "get", t, GET_ACCOUNT).json().get("errorCode").asInt()).isZero();
        }
        var limited = legacyCall(mock(), "get", t, GET_ACCOUNT);
        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.json().get("errorCode").asInt()).isEqualTo(30004);
        // another path has its own budget
        assertThat(legacyCall(mock(), "query", t, "{\"dataObjectApiName\":\"AccountObj\",\"search_query_info\":{\"limit\":1,\"offset\":0}}")
                .json().get("errorCode").asInt()).isZero();
        advance(mock(), Duration.ofSeconds(20));
        assertThat(legacyCall(mock(), "get", t, GET_ACCOUNT).json().get("errorCode").asInt()).isZero();
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind")).containsExactly("pathFrequency");
    }

    @Test
    void theRateLimitCodeCanBe14001() {
        admin(mock(), "config", "{\"callsPerPathPerWindow\":1,\"rateLimitErrorCode\":14001}");
        String t = legacyToken(mock());
        legacyCall(mock(), "get", t, GET_ACCOUNT);
        assertThat(legacyCall(mock(), "get", t, GET_ACCOUNT).json().get("errorCode").asInt()).isEqualTo(14001);
    }

    @Test
    void scriptedQuotaErrorsUseThePlatformEnvelope() {
        String t = legacyToken(mock());
        admin(mock(), "scripted-errors", "{\"operation\":\"data/get\",\"errorCode\":30002,\"count\":1}");
        var r = legacyCall(mock(), "get", t, GET_ACCOUNT);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errorCode").asInt()).isEqualTo(30002);
        assertThat(r.json().get("traceId").asText()).startsWith("E-O.");
        assertThat(legacyCall(mock(), "get", t, GET_ACCOUNT).json().get("errorCode").asInt()).isZero();
    }
}
