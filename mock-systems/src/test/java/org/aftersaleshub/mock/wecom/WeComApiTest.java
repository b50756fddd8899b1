package org.aftersaleshub.mock.wecom;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/wecom.md §2, §3, §5, §6.1–§6.3: tokens, app messages and group robots. */
class WeComApiTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    static final String CORP = "wwa1b2c3d4e5f60718";
    static final String SECRET = "demo-wecom-app-secret-1000002-aftersales-hub";
    static final String ROBOT = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

    WeComMock mock() {
        return mocks.get(WeComMock.class);
    }

    static String token(WeComMock m) {
        return get(m.baseUrl() + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=" + SECRET).json().get("access_token").asText();
    }

    static Http.Res send(WeComMock m, String token, String body) {
        return postJson(m.baseUrl() + "/cgi-bin/message/send?access_token=" + token, body);
    }

    static String text(String touser, String content) {
        return "{\"touser\":\"" + touser + "\",\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"" + content + "\"}}";
    }

    static void assertErr(Http.Res r, int code, String msgStart) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errcode").asInt()).isEqualTo(code);
        assertThat(r.json().get("errmsg").asText()).startsWith(msgStart + ", hint: [")
                .contains(", from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=" + code);
    }

    @Test
    void tokenIsPerAppAndReusedWhileValid() {
        var r = get(mock().baseUrl() + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=" + SECRET).json();
        assertThat(r.get("errcode").asInt()).isZero();
        assertThat(r.get("errmsg").asText()).isEqualTo("ok");
        assertThat(r.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(token(mock())).isEqualTo(r.get("access_token").asText());
        advance(mock(), Duration.ofSeconds(7201));
        assertThat(token(mock())).isNotEqualTo(r.get("access_token").asText());
        assertThat(state(mock()).get("tokenCalls")).hasSize(3);
    }

    @Test
    void credentialErrors() {
        assertErr(get(mock().baseUrl() + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=wrong"), 40001, "invalid credential");
        assertErr(get(mock().baseUrl() + "/cgi-bin/gettoken?corpid=wwother&corpsecret=" + SECRET), 40013, "invalid corpid");
    }

    @Test
    void earlyInvalidationExpiryAndMissingToken() {
        String t = token(mock());
        admin(mock(), "tokens/invalidate", "{}");
        assertErr(send(mock(), t, text("WeComUser001", "x")), 40014, "invalid access_token");
        String t2 = token(mock());
        assertThat(t2).isNotEqualTo(t);
        assertThat(send(mock(), t2, text("WeComUser001", "x")).json().get("errcode").asInt()).isZero();
        advance(mock(), Duration.ofSeconds(7200));
        assertErr(send(mock(), t2, text("WeComUser001", "x")), 42001, "access_token expired");
        assertErr(postJson(mock().baseUrl() + "/cgi-bin/message/send", text("WeComUser001", "x")), 41001, "access_token missing");
    }

    @Test
    void scriptedSystemBusyAndConcurrencyErrors() {
        String t = token(mock());
        admin(mock(), "scripted-errors", "{\"operation\":\"message/send\",\"errcode\":-1,\"count\":2}");
        assertErr(send(mock(), t, text("WeComUser001", "x")), -1, "system busy");
        assertErr(send(mock(), t, text("WeComUser001", "x")), -1, "system busy");
        admin(mock(), "scripted-errors", "{\"operation\":\"message/send\",\"errcode\":45033}");
        assertErr(send(mock(), t, text("WeComUser001", "x")), 45033, "api concurrent out of limit");
        assertThat(send(mock(), t, text("WeComUser001", "x")).json().get("errcode").asInt()).isZero();
        assertThat(mock().messagesTo("WeComUser001")).hasSize(1);
        admin(mock(), "scripted-errors", "{\"operation\":\"gettoken\",\"errcode\":-1}");
        assertErr(get(mock().baseUrl() + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=" + SECRET), -1, "system busy");
    }

    @Test
    void apiFrequencyGives45009() {
        admin(mock(), "config", "{\"apiCallsPerMinute\":2}");
        String t = token(mock());
        send(mock(), t, text("WeComUser001", "1"));
        send(mock(), t, text("WeComUser001", "2"));
        assertErr(send(mock(), t, text("WeComUser001", "3")), 45009, "api freq out of limit");
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind")).containsExactly("apiFrequency");
    }

    @Test
    void partialFailureListsInvalidAndUnlicensedUsersLowerCased() {
        admin(mock(), "seed", "{\"wecom\":{\"unlicensedUsers\":[\"WeComUser010\"]}}");
        var r = send(mock(), token(mock()), "{\"touser\":\"WeComUser001|BOB|WeComUser010|Carol\",\"toparty\":\"1|99\",\"totag\":\"7\","
                + "\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"工单 T-2\"}}").json();
        assertThat(r.get("errcode").asInt()).isZero();
        assertThat(r.get("invaliduser").asText()).isEqualTo("bob|carol");
        assertThat(r.get("unlicenseduser").asText()).isEqualTo("wecomuser010");
        assertThat(r.get("invalidparty").asText()).isEqualTo("99");
        assertThat(r.get("invalidtag").asText()).isEqualTo("7");
        assertThat(r.get("msgid").asText()).isNotEmpty();
        assertThat(mock().messagesTo("WeComUser001")).hasSize(1);
        assertThat(mock().messagesTo("WeComUser010")).isEmpty();
    }

    @Test
    void everyoneInTheContactsDirectoryIsAMemberTheDirectorIncluded() {
        // WeComUser013 (服务总监 马骏) is in the demo org's directory only, not in the older staff list
        var r = send(mock(), token(mock()), text("WeComUser013", "SLA超时升级：工单 T-9")).json();
        assertThat(r.get("errcode").asInt()).isZero();
        assertThat(r.path("invaliduser").asText("")).isEmpty();
        assertThat(mock().messagesTo("WeComUser013")).hasSize(1);
    }

    @Test
    void allRecipientsInvalidIs81013() {
        assertErr(send(mock(), token(mock()), text("nobody|ghost", "x")), 81013, "user & party & tag all invalid");
        assertThat(state(mock()).get("sentMessages")).isEmpty();
    }

    @Test
    void validationErrors() {
        String t = token(mock());
        assertErr(send(mock(), t, text("WeComUser001", "")), 44004, "empty content");
        assertErr(send(mock(), t, "{\"touser\":\"WeComUser001\",\"msgtype\":\"fax\",\"agentid\":1000002,\"fax\":{}}"), 40008, "invalid message type");
        assertErr(send(mock(), t, text("WeComUser001", "x").replace("1000002", "1000009")), 40056, "invalid agentid");
        assertErr(send(mock(), t, text("WeComUser001", "长".repeat(683))), 45002, "content size out of limit");
    }

    @Test
    void the31stMessageToAMemberInAMinuteIsAcceptedAndSilentlyDropped() {
        String t = token(mock());
        for (int i = 1; i <= 30; i++) {
            assertThat(send(mock(), t, text("WeComUser002", "n" + i)).json().get("errcode").asInt()).isZero();
        }
        var r31 = send(mock(), t, text("WeComUser002|WeComUser003", "n31")).json();
        assertThat(r31.get("errcode").asInt()).isZero();
        assertThat(r31.has("invaliduser")).isFalse();
        assertThat(mock().messagesTo("WeComUser002")).hasSize(30);
        assertThat(mock().droppedFor("WeComUser002")).singleElement()
                .satisfies(m -> assertThat(m.get("msgid")).isEqualTo(r31.get("msgid").asText()));
        assertThat(mock().messagesTo("WeComUser003")).hasSize(1);
        JsonNode s = state(mock());
        assertThat(s.at("/sentMessages/30/silentlyDroppedFor/0").asText()).isEqualTo("wecomuser002");
        assertThat(s.get("rateLimitRejections").findValuesAsText("kind")).containsExactly("memberPerMinute");
        advance(mock(), Duration.ofSeconds(61));
        send(mock(), token(mock()), text("WeComUser002", "later"));
        assertThat(mock().messagesTo("WeComUser002")).hasSize(31);
    }

    @Test
    void duplicateCheckSuppressesIdenticalMessagesInTheInterval() {
        String t = token(mock());
        String body = "{\"touser\":\"WeComUser004\",\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"dup\"},"
                + "\"enable_duplicate_check\":1,\"duplicate_check_interval\":600}";
        send(mock(), t, body);
        assertThat(send(mock(), t, body).json().get("errcode").asInt()).isZero();
        assertThat(mock().messagesTo("WeComUser004")).hasSize(1);
        advance(mock(), Duration.ofSeconds(601));
        send(mock(), token(mock()), body);
        assertThat(mock().messagesTo("WeComUser004")).hasSize(2);
    }

    @Test
    void interactiveCardReturnsASingleUseResponseCode() {
        String t = token(mock());
        var r = send(mock(), t, "{\"touser\":\"WeComUser001\",\"msgtype\":\"template_card\",\"agentid\":1000002,\"template_card\":"
                + "{\"card_type\":\"button_interaction\",\"task_id\":\"ticket-T3\",\"main_title\":{\"title\":\"工单 T3\"},"
                + "\"button_list\":[{\"text\":\"接单\",\"style\":1,\"key\":\"ack_ticket_T3\"}]}}").json();
        String code = r.get("response_code").asText();
        assertThat(code).isNotEmpty();
        String update = "{\"userids\":[\"WeComUser001\"],\"agentid\":1000002,\"response_code\":\"" + code
                + "\",\"button\":{\"replace_name\":\"已接单\"}}";
        var first = postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + t, update).json();
        assertThat(first.get("errcode").asInt()).isZero();
        assertErr(postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + t, update),
                40029, "invalid response_code");
        assertThat(state(mock()).get("cardUpdates")).hasSize(1);
        assertThat(state(mock()).at("/responseCodes/" + code + "/used").asBoolean()).isTrue();
    }

    @Test
    void aResponseCodeExpiresAfter72Hours() {
        String t = token(mock());
        String card = "{\"touser\":\"WeComUser001\",\"msgtype\":\"template_card\",\"agentid\":1000002,"
                + "\"template_card\":{\"card_type\":\"vote_interaction\",\"task_id\":\"v1\"}}";
        String early = send(mock(), t, card).json().get("response_code").asText();
        String late = send(mock(), t, card).json().get("response_code").asText();
        String update = "{\"agentid\":1000002,\"userids\":[\"WeComUser001\"],\"response_code\":\"%s\","
                + "\"button\":{\"replace_name\":\"x\"}}";
        advance(mock(), Duration.ofHours(71));
        String t2 = token(mock());
        assertThat(postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + t2,
                update.formatted(early)).json().get("errcode").asInt()).isZero();
        advance(mock(), Duration.ofHours(1));
        String t3 = token(mock());
        assertThat(postJson(mock().baseUrl() + "/cgi-bin/message/update_template_card?access_token=" + t3,
                update.formatted(late)).json().get("errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void textNoticeCardsHaveNoResponseCode() {
        var r = send(mock(), token(mock()), "{\"touser\":\"WeComUser001\",\"msgtype\":\"template_card\",\"agentid\":1000002,"
                + "\"template_card\":{\"card_type\":\"text_notice\"}}").json();
        assertThat(r.has("response_code")).isFalse();
    }

    @Test
    void robotTwentyPerMinuteThen45009() {
        String url = mock().baseUrl() + "/cgi-bin/webhook/send?key=" + ROBOT;
        for (int i = 1; i <= 20; i++) {
            assertThat(postJson(url, "{\"msgtype\":\"text\",\"text\":{\"content\":\"n" + i + "\"}}").json().get("errcode").asInt()).isZero();
        }
        assertErr(postJson(url, "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"n21\"}}"), 45009, "api freq out of limit");
        assertThat(mock().robotMessages(ROBOT)).hasSize(20);
        advance(mock(), Duration.ofSeconds(61));
        assertThat(postJson(url, "{\"msgtype\":\"text\",\"text\":{\"content\":\"later\"}}").json().get("errcode").asInt()).isZero();
        assertThat(state(mock()).get("rateLimitRejections").findValuesAsText("kind")).containsExactly("robotRate");
    }

    @Test
    void robotErrors() {
        assertErr(postJson(mock().baseUrl() + "/cgi-bin/webhook/send?key=deleted", "{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"),
                93000, "invalid webhook url");
        String url = mock().baseUrl() + "/cgi-bin/webhook/send?key=" + ROBOT;
        assertErr(postJson(url, "{\"msgtype\":\"text\",\"text\":{\"content\":\"\"}}"), 44004, "empty content");
        assertErr(postJson(url, "{\"msgtype\":\"voice\",\"voice\":{}}"), 40008, "invalid message type");
        assertThat(mock().robotMessages(ROBOT)).isEmpty();
    }
}
