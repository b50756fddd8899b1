package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/dingtalk.md §2, §9.1: both token styles, reuse, expiry, bad credentials, token errors on business
 * calls.
 */
class DingTalkTokenTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    static final String APP_KEY = "dingaftersalesdemo01";
    static final String APP_SECRET = "demo-dingtalk-app-secret-0001-aftersales-hub-xxxx";

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    static String legacyToken(DingTalkMock m) {
        return get(m.baseUrl() + "/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET).json()
                .get("access_token").asText();
    }

    static Http.Res sendNotice(DingTalkMock m, String token, String user, String text) {
        return postJson(m.baseUrl() + "/topapi/message/corpconversation/asyncsend_v2?access_token=" + token,
                "{\"agent_id\":3000000001,\"userid_list\":\"" + user + "\",\"msg\":{\"msgtype\":\"text\",\"text\":{\"content\":\""
                        + text + "\"}}}");
    }

    @Test
    void legacyGettokenReturnsTheSameTokenWhileValid() {
        var r1 = get(mock().baseUrl() + "/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET);
        assertThat(r1.status()).isEqualTo(200);
        assertThat(r1.json().get("errcode").asInt()).isZero();
        assertThat(r1.json().get("errmsg").asText()).isEqualTo("ok");
        assertThat(r1.json().get("expires_in").asInt()).isEqualTo(7200);
        advance(mock(), Duration.ofSeconds(7000));
        assertThat(legacyToken(mock())).isEqualTo(r1.json().get("access_token").asText());
        assertThat(state(mock()).get("tokenCalls")).hasSize(2);
    }

    @Test
    void newStyleTokenIsTheSameTokenAsTheLegacyOne() {
        String legacy = legacyToken(mock());
        var r = postJson(mock().baseUrl() + "/v1.0/oauth2/accessToken",
                "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"" + APP_SECRET + "\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accessToken").asText()).isEqualTo(legacy);
        assertThat(r.json().get("expireIn").asInt()).isEqualTo(7200);
    }

    @Test
    void refetchExtendsTheLifeAndAnExpiredTokenIsReplaced() {
        String t1 = legacyToken(mock());
        advance(mock(), Duration.ofSeconds(7000));
        assertThat(legacyToken(mock())).isEqualTo(t1); // extended to now + 7200
        advance(mock(), Duration.ofSeconds(7000));
        assertThat(sendNotice(mock(), t1, "ding_user_001", "still valid").json().get("errcode").asInt()).isZero();
        advance(mock(), Duration.ofSeconds(201));
        var expired = sendNotice(mock(), t1, "ding_user_001", "expired");
        assertThat(expired.json().get("errcode").asInt()).isEqualTo(42001);
        assertThat(expired.json().get("errmsg").asText()).isEqualTo("access_token超时");
        String t2 = legacyToken(mock());
        assertThat(t2).isNotEqualTo(t1);
        assertThat(sendNotice(mock(), t2, "ding_user_001", "fresh").json().get("errcode").asInt()).isZero();
        assertThat(sendNotice(mock(), t1, "ding_user_001", "old").json().get("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void badCredentialsGet40089OrInvalidClientIdOrSecret() {
        var legacy = get(mock().baseUrl() + "/gettoken?appkey=" + APP_KEY + "&appsecret=wrong");
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("errcode").asInt()).isEqualTo(40089);
        assertThat(legacy.json().get("errmsg").asText()).isEqualTo("不合法的corpId或corpSecret");
        var neu = postJson(mock().baseUrl() + "/v1.0/oauth2/accessToken", "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"x\"}");
        assertThat(neu.status()).isEqualTo(400);
        assertThat(neu.json().get("code").asText()).isEqualTo("invalidClientIdOrSecret");
        assertThat(neu.json().has("requestid")).isTrue();
        assertThat(state(mock()).get("tokenCalls").findValuesAsText("outcome"))
                .containsExactly("40089", "400 invalidClientIdOrSecret");
    }

    @Test
    void newStyleTokenWantsAJsonBody() {
        var r = send("POST", mock().baseUrl() + "/v1.0/oauth2/accessToken",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "appKey=" + APP_KEY + "&appSecret=" + APP_SECRET);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("body is mandatory");
    }

    @Test
    void missingUnknownExpiredAndInvalidatedTokens() {
        var missing = postJson(mock().baseUrl() + "/topapi/message/corpconversation/asyncsend_v2", "{}");
        assertThat(missing.json().get("errcode").asInt()).isEqualTo(41001);
        assertThat(sendNotice(mock(), "forged", "ding_user_001", "x").json().get("errcode").asInt()).isEqualTo(40014);

        String t = legacyToken(mock());
        admin(mock(), "tokens/expire", "{}");
        assertThat(sendNotice(mock(), t, "ding_user_001", "x").json().get("errcode").asInt()).isEqualTo(42001);
        var newApi = postJson(mock().baseUrl() + "/v1.0/card/instances/createAndDeliver", "{}");
        assertThat(newApi.status()).isEqualTo(400);
        assertThat(newApi.json().get("code").asText()).isEqualTo("InvalidAuthentication");
        assertThat(newApi.json().get("message").asText()).isEqualTo("不合法的access_token");

        String t2 = legacyToken(mock());
        admin(mock(), "tokens/invalidate", "{}");
        assertThat(sendNotice(mock(), t2, "ding_user_001", "x").json().get("errcode").asInt()).isEqualTo(40014);
        assertThat(legacyToken(mock())).isNotEqualTo(t2);
    }
}
