package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.sendNotice;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/dingtalk.md §4, §9.4: asyncsend_v2 always succeeds; getsendresult tells who got nothing and why. */
class DingTalkWorkNoticeTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    JsonNode sendResult(String token, long taskId) {
        var r = postJson(mock().baseUrl() + "/topapi/message/corpconversation/getsendresult?access_token=" + token,
                "{\"agent_id\":3000000001,\"task_id\":" + taskId + "}");
        assertThat(r.json().get("errcode").asInt()).isZero();
        return r.json().get("send_result");
    }

    @Test
    void sendsAndReportsInvalidUsers() {
        String token = legacyToken(mock());
        var r = sendNotice(mock(), token, "ding_user_001,ding_user_002,nobody", "工单 T-1 已派给你");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errcode").asInt()).isZero();
        assertThat(r.json().get("errmsg").asText()).isEqualTo("ok");
        assertThat(r.json().get("request_id").asText()).isNotEmpty();
        long taskId = r.json().get("task_id").asLong();

        JsonNode result = sendResult(token, taskId);
        assertThat(result.get("invalid_user_id_list")).extracting(JsonNode::asText).containsExactly("nobody");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("ding_user_001", "ding_user_002");
        assertThat(result.get("forbidden_user_id_list")).isEmpty();
        assertThat(mock().messagesTo("ding_user_001")).hasSize(1);
        assertThat(state(mock()).at("/messagesPerUser/ding_user_002/0/msg/text/content").asText()).isEqualTo("工单 T-1 已派给你");

        admin(mock(), "work-notices/read", "{\"taskId\":" + taskId + ",\"userId\":\"ding_user_001\"}");
        assertThat(sendResult(token, taskId).get("read_user_id_list")).extracting(JsonNode::asText).containsExactly("ding_user_001");
    }

    @Test
    void everyoneInTheContactsDirectoryIsReachedTheDirectorIncluded() {
        // ding_user_013 (服务总监 马骏) is in the demo org's directory only, not in the older staff list
        String token = legacyToken(mock());
        var r = sendNotice(mock(), token, "ding_user_013", "SLA超时升级：工单 T-9");
        JsonNode result = sendResult(token, r.json().get("task_id").asLong());
        assertThat(result.get("invalid_user_id_list")).isEmpty();
        assertThat(mock().messagesTo("ding_user_013")).hasSize(1);
    }

    @Test
    void sameContentToTheSameUserIsDeliveredOnceADay() {
        String token = legacyToken(mock());
        sendNotice(mock(), token, "ding_user_003", "SLA 超时");
        var again = sendNotice(mock(), token, "ding_user_003", "SLA 超时");
        assertThat(again.json().get("errcode").asInt()).isZero(); // still "success"
        JsonNode result = sendResult(token, again.json().get("task_id").asLong());
        assertThat(result.get("forbidden_user_id_list")).extracting(JsonNode::asText).containsExactly("ding_user_003");
        assertThat(result.at("/forbidden_list/0/code").asText()).isEqualTo("143106");
        assertThat(result.at("/forbidden_list/0/userid").asText()).isEqualTo("ding_user_003");
        assertThat(mock().messagesTo("ding_user_003")).hasSize(1);

        advance(mock(), Duration.ofDays(1));
        String fresh = legacyToken(mock());
        var nextDay = sendNotice(mock(), fresh, "ding_user_003", "SLA 超时");
        assertThat(sendResult(fresh, nextDay.json().get("task_id").asLong()).get("forbidden_list")).isEmpty();
        assertThat(mock().messagesTo("ding_user_003")).hasSize(2);
    }

    @Test
    void perUserDailyCapGives143105() {
        admin(mock(), "config", "{\"workNoticeDailyCapPerUser\":2}");
        String token = legacyToken(mock());
        sendNotice(mock(), token, "ding_user_004", "one");
        sendNotice(mock(), token, "ding_user_004", "two");
        var third = sendNotice(mock(), token, "ding_user_004", "three");
        assertThat(sendResult(token, third.json().get("task_id").asLong()).at("/forbidden_list/0/code").asText()).isEqualTo("143105");
        assertThat(mock().messagesTo("ding_user_004")).hasSize(2);
    }

    @Test
    void acceptsTheDocsFormEncodedBody() {
        String token = legacyToken(mock());
        String msg = "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"派工\",\"text\":\"# T-9\"}}";
        var r = send("POST", mock().baseUrl() + "/topapi/message/corpconversation/asyncsend_v2?access_token=" + token,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "agent_id=3000000001&userid_list=ding_user_005&msg=" + URLEncoder.encode(msg, StandardCharsets.UTF_8));
        assertThat(r.json().get("errcode").asInt()).isZero();
        assertThat(mock().messagesTo("ding_user_005")).singleElement()
                .satisfies(m -> assertThat(m.get("msgtype")).isEqualTo("markdown"));
    }

    @Test
    void rejectsAWrongAgentAndAMissingMessage() {
        String token = legacyToken(mock());
        var wrongAgent = postJson(mock().baseUrl() + "/topapi/message/corpconversation/asyncsend_v2?access_token=" + token,
                "{\"agent_id\":1,\"userid_list\":\"ding_user_001\",\"msg\":{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}}");
        assertThat(wrongAgent.json().get("errcode").asInt()).isEqualTo(40056);
        var noMsg = postJson(mock().baseUrl() + "/topapi/message/corpconversation/asyncsend_v2?access_token=" + token,
                "{\"agent_id\":3000000001,\"userid_list\":\"ding_user_001\"}");
        assertThat(noMsg.json().get("errcode").asInt()).isEqualTo(40035);
        assertThat(mock().messagesTo("ding_user_001")).isEmpty();
    }

    @Test
    void sendResultsAreOnlyKeptForADay() {
        String token = legacyToken(mock());
        long taskId = sendNotice(mock(), token, "ding_user_001", "x").json().get("task_id").asLong();
        advance(mock(), Duration.ofHours(25));
        String fresh = legacyToken(mock());
        var r = postJson(mock().baseUrl() + "/topapi/message/corpconversation/getsendresult?access_token=" + fresh,
                "{\"agent_id\":3000000001,\"task_id\":" + taskId + "}");
        assertThat(r.json().get("errcode").asInt()).isEqualTo(40035);
    }
}
