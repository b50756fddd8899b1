package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.sendNotice;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.setClock;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/dingtalk.md §3, §13.4: the organisation's monthly call quota, 90020 / 403 beyond it. */
class DingTalkApiQuotaTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    @Test
    void businessCallsCountTokenAndContactsCallsDoNotAndTheLimitAnswers90020() {
        admin(mock(), "config", "{\"monthlyApiQuota\":3}");
        String token = legacyToken(mock());
        legacyToken(mock());
        assertThat(postJson(mock().baseUrl() + "/topapi/v2/department/listsub?access_token=" + token,
                "{\"dept_id\":1}").json().get("errcode").asInt()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(sendNotice(mock(), token, "ding_user_001", "q" + i).json().get("errcode").asInt()).isZero();
        }
        assertThat(get(mock().baseUrl() + "/mock-admin/api-quota").json().get("used").asInt()).isEqualTo(3);

        assertThat(sendNotice(mock(), token, "ding_user_001", "q3").json().get("errcode").asInt()).isEqualTo(90020);
        var card = send("POST", mock().baseUrl() + "/v1.0/card/instances/createAndDeliver",
                Map.of("Content-Type", "application/json", "x-acs-dingtalk-access-token", token),
                "{\"outTrackId\":\"q\",\"cardTemplateId\":\"t\",\"openSpaceId\":\"dtv1.card//IM_GROUP.c\"}");
        assertThat(card.status()).isEqualTo(403);
        assertThat(card.json().get("code").asText()).isEqualTo("Forbidden.AccessDenied.ApiCountLimitForOrg");
        assertThat(mock().messagesTo("ding_user_001")).hasSize(3);
        assertThat(state(mock()).at("/apiQuota/used").asInt()).as("refused calls are not counted").isEqualTo(3);
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind"))
                .containsExactly("monthlyQuota", "monthlyQuota");
    }

    @Test
    void theCountStartsAgainInANewMonthChinaTime() {
        setClock(mock(), ZonedDateTime.parse("2026-12-31T23:00:00+08:00").toInstant().toEpochMilli());
        admin(mock(), "config", "{\"monthlyApiQuota\":5}");
        assertThat(admin(mock(), "api-quota", "{\"used\":5}").get("month").asText()).isEqualTo("2026-12");
        String token = legacyToken(mock());
        assertThat(sendNotice(mock(), token, "ding_user_001", "dec").json().get("errcode").asInt()).isEqualTo(90020);

        setClock(mock(), ZonedDateTime.parse("2027-01-01T00:00:01+08:00").toInstant().toEpochMilli());
        String fresh = legacyToken(mock());
        assertThat(sendNotice(mock(), fresh, "ding_user_001", "jan").json().get("errcode").asInt()).isZero();
        assertThat(state(mock()).get("apiQuota").toString()).contains("\"month\":\"2027-01\"", "\"used\":1");
    }
}
