package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.sendNotice;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
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
 * docs/vendor-apis/dingtalk.md §3, §9.2: per-app QPS (90018 / 403), global limit (90002), IP ban with a non-JSON body.
 */
class DingTalkServerLimitsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    Http.Res createCard(String token, String id) {
        return send("POST", mock().baseUrl() + "/v1.0/card/instances/createAndDeliver",
                Map.of("Content-Type", "application/json", "x-acs-dingtalk-access-token", token),
                "{\"outTrackId\":\"" + id + "\",\"cardTemplateId\":\"tpl\",\"openSpaceId\":"
                        + "\"dtv1.card//IM_ROBOT.ding_user_001\","
                        + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_ROBOT\"}}");
    }

    @Test
    void perAppQpsGives90018OnLegacyAnd403OnNewApis() {
        admin(mock(), "config", "{\"qpsPerAppAndApi\":3,\"qpsWindowMs\":60000}");
        String token = legacyToken(mock());
        for (int i = 0; i < 3; i++) {
            assertThat(sendNotice(mock(), token, "ding_user_001", "n" + i).json().get("errcode").asInt()).isZero();
        }
        var limited = sendNotice(mock(), token, "ding_user_001", "n3");
        assertThat(limited.json().get("errcode").asInt()).isEqualTo(90018);
        for (int i = 0; i < 3; i++) {
            assertThat(createCard(token, "c" + i).status()).isEqualTo(200);
        }
        var newLimited = createCard(token, "c3");
        assertThat(newLimited.status()).isEqualTo(403);
        assertThat(newLimited.json().get("code").asText()).isEqualTo("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind")).containsExactly("qps", "qps");
        assertThat(mock().messagesTo("ding_user_001")).hasSize(3);
    }

    @Test
    void scriptedGlobalLimitAndSystemBusy() {
        String token = legacyToken(mock());
        admin(mock(), "scripted-errors", "{\"operation\":\"asyncsend_v2\",\"errcode\":90002,\"count\":1}");
        admin(mock(), "scripted-errors", "{\"operation\":\"card/createAndDeliver\",\"errcode\":90002,\"count\":1}");
        assertThat(sendNotice(mock(), token, "ding_user_001", "x").json().get("errcode").asInt()).isEqualTo(90002);
        assertThat(createCard(token, "c").json().get("code").asText()).isEqualTo("Forbidden.AccessDenied.QpsLimitForApi");
        admin(mock(), "scripted-errors", "{\"operation\":\"*\",\"errcode\":60020,\"count\":1}");
        assertThat(sendNotice(mock(), token, "ding_user_001", "x").json().get("errmsg").asText()).isEqualTo("访问ip不在白名单之中");
        assertThat(sendNotice(mock(), token, "ding_user_001", "x").json().get("errcode").asInt()).isZero();
    }

    @Test
    void ipBanAnswersTheNonJsonBodyForFiveMinutes() {
        admin(mock(), "config", "{\"ipCallsPerWindow\":2,\"ipBanBody\":\"html\"}");
        String token = legacyToken(mock());
        sendNotice(mock(), token, "ding_user_001", "1");
        sendNotice(mock(), token, "ding_user_001", "2");
        var banned = sendNotice(mock(), token, "ding_user_001", "3");
        assertThat(banned.contentType()).startsWith("text/html");
        assertThat(banned.body()).startsWith("<!DOCTYPE html>");
        advance(mock(), Duration.ofMinutes(4));
        assertThat(sendNotice(mock(), legacyToken(mock()), "ding_user_001", "4").body()).startsWith("<!DOCTYPE html>");
        advance(mock(), Duration.ofSeconds(61));
        assertThat(sendNotice(mock(), legacyToken(mock()), "ding_user_001", "5").json().get("errcode").asInt()).isZero();
    }

    @Test
    void ipBanJsonBodyHasStatus1111() {
        admin(mock(), "config", "{\"ipCallsPerWindow\":1}");
        String token = legacyToken(mock());
        sendNotice(mock(), token, "ding_user_001", "1");
        var banned = sendNotice(mock(), token, "ding_user_001", "2").json();
        assertThat(banned.get("status").asInt()).isEqualTo(1111);
        assertThat(banned.get("punish").asText()).isEqualTo("deny");
        assertThat(banned.has("errcode")).isFalse();
    }
}
