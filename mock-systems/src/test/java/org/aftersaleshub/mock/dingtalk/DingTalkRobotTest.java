package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.setClock;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/dingtalk.md §5, §9.3, §10.1: custom group robots. */
class DingTalkRobotTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    static final long KAT_TS = 1_700_000_000_000L;
    static final String KEYWORD_ROBOT = "dt_robot_token_stock_0002";
    static final String SIGN_ROBOT = "dt_robot_token_dispatch_0001";
    static final String SIGN_ROBOT_SECRET = "SECdemo0000000000000000000000000000000000000000000000000000000001";

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    Http.Res robot(String query, String body) {
        return postJson(mock().baseUrl() + "/robot/send?" + query, body);
    }

    static String text(String content) {
        return "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}}";
    }

    /** The test's own signer, independent of the mock's. */
    static String sign(String secret, long ts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    String signedQuery(String token, String secret, long ts) throws Exception {
        return "access_token=" + token + "&timestamp=" + ts + "&sign=" + URLEncoder.encode(sign(secret, ts), StandardCharsets.UTF_8);
    }

    void addSignRobot(String token, String secret) {
        admin(mock(), "robots", "{\"accessToken\":\"" + token + "\",\"secret\":\"" + secret + "\"}");
    }

    static void assertErr(Http.Res r, int code, String msg) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errcode").asInt()).isEqualTo(code);
        assertThat(r.json().get("errmsg").asText()).isEqualTo(msg);
    }

    @Test
    void acceptsTheDerivedSignVectorsAndRejectsAOneCharacterChange() {
        addSignRobot("kat1", "this is secret");
        addSignRobot("kat2", "SECabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123");
        setClock(mock(), KAT_TS + 5_000);
        assertErr(robot("access_token=kat1&timestamp=1700000000000&sign=sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D",
                text("hello")), 0, "ok");
        assertErr(robot("access_token=kat2&timestamp=1700000000000&sign=vhBGaGavXlMR4DYQRDic2x06OkWb8Jm1aplEbHlcUa0%3D",
                text("hello")), 0, "ok");
        assertErr(robot("access_token=kat1&timestamp=1700000000000&sign=tSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D",
                text("hello")), 310000, "sign not match");
        assertErr(robot("access_token=kat1&timestamp=1700000000001&sign=sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D",
                text("hello")), 310000, "sign not match");
        assertThat(mock().robotMessages("kat1")).hasSize(1);
        assertThat(mock().robotMessages("kat2")).hasSize(1);
    }

    @Test
    void aSignWhosePlusIsNotUrlEncodedDoesNotMatch() throws Exception {
        addSignRobot("plus", "this is secret");
        long ts = KAT_TS;
        while (!sign("this is secret", ts).contains("+")) {
            ts++;
        }
        setClock(mock(), ts);
        assertErr(robot("access_token=plus&timestamp=" + ts + "&sign=" + sign("this is secret", ts), text("x")),
                310000, "sign not match");
        assertErr(robot(signedQuery("plus", "this is secret", ts), text("x")), 0, "ok");
    }

    @Test
    void aTimestampMoreThanAnHourOffIsInvalid() throws Exception {
        long now = System.currentTimeMillis();
        assertErr(robot(signedQuery(SIGN_ROBOT, SIGN_ROBOT_SECRET, now - 3_700_000), text("x")), 310000, "invalid timestamp");
        assertErr(robot(signedQuery(SIGN_ROBOT, SIGN_ROBOT_SECRET, now + 3_700_000), text("x")), 310000, "invalid timestamp");
        assertErr(robot("access_token=" + SIGN_ROBOT + "&sign=abc", text("x")), 310000, "invalid timestamp");
        assertErr(robot(signedQuery(SIGN_ROBOT, SIGN_ROBOT_SECRET, now - 60_000), text("x")), 0, "ok");
    }

    @Test
    void keywordModeWantsAKeywordInTheContent() {
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("库存低")), 310000, "keywords not in content");
        assertErr(robot("access_token=" + KEYWORD_ROBOT,
                "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"库存告警\",\"text\":\"## 备件不足\"}}"), 0, "ok");
        assertThat(mock().robotMessages(KEYWORD_ROBOT)).hasSize(1);
    }

    @Test
    void ipModeChecksTheCallerAgainstTheAllowList() {
        admin(mock(), "robots", "{\"accessToken\":\"ipbot\",\"ipWhitelist\":[\"10.0.0.0/8\"]}");
        assertErr(robot("access_token=ipbot", text("x")), 310000, "ip 127.0.0.1 not in whitelist");
        admin(mock(), "robots", "{\"accessToken\":\"ipbot\",\"ipWhitelist\":[\"10.0.0.1\",\"127.0.0.0/24\"]}");
        assertErr(robot("access_token=ipbot", text("x")), 0, "ok");
    }

    @Test
    void legacyErrmsgStyleAppendsTheMoreLink() {
        admin(mock(), "config", "{\"robotErrmsgStyle\":\"legacy\"}");
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("none")), 310000,
                "keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]");
    }

    @Test
    void unknownTokenContentTypeAndMessageTypeErrors() {
        assertErr(robot("access_token=nope", text("告警")), 300001, "token is not exist");
        var wrongType = send("POST", mock().baseUrl() + "/robot/send?access_token=" + KEYWORD_ROBOT,
                Map.of("Content-Type", "text/plain"), text("告警"));
        assertThat(wrongType.json().get("errcode").asInt()).isEqualTo(43004);
        assertThat(robot("access_token=" + KEYWORD_ROBOT, "{\"msgtype\":\"video\",\"video\":{}}").json()
                .get("errcode").asInt()).isEqualTo(400105);
        assertThat(robot("access_token=" + KEYWORD_ROBOT, "{}").json().get("errcode").asInt()).isEqualTo(40035);
        assertThat(mock().robotMessages(KEYWORD_ROBOT)).isEmpty();
    }

    @Test
    void twentyPerMinuteThenBlockedForTenMinutes() {
        for (int i = 1; i <= 20; i++) {
            assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 " + i)), 0, "ok");
        }
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 21")), 410100, "发送速度太快而限流");
        advance(mock(), Duration.ofMinutes(9));
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 22")), 410100, "发送速度太快而限流");
        advance(mock(), Duration.ofSeconds(61));
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 23")), 0, "ok");

        JsonNode s = state(mock());
        assertThat(s.at("/robots/" + KEYWORD_ROBOT + "/messages")).hasSize(21);
        assertThat(s.get("rateLimitRejections").findValuesAsText("kind")).containsExactly("robotRate", "robotBlocked");
        assertThat(mock().robotMessages(SIGN_ROBOT)).isEmpty(); // limits are per robot
    }

    @Test
    void theLegacyRateLimitCodeIsAvailable() {
        admin(mock(), "config", "{\"robotRateLimitErrcode\":130101,\"robotMessagesPerMinute\":1}");
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 1")), 0, "ok");
        assertErr(robot("access_token=" + KEYWORD_ROBOT, text("告警 2")), 130101, "send too fast, exceed 20 times per minute");
    }

    @Test
    void aRepeatedMsgUuidIsDeliveredOnce() {
        String body = "{\"msgtype\":\"text\",\"text\":{\"content\":\"告警 A\"},\"msgUuid\":\"evt-1\"}";
        assertErr(robot("access_token=" + KEYWORD_ROBOT, body), 0, "ok");
        assertErr(robot("access_token=" + KEYWORD_ROBOT, body), 0, "ok");
        assertThat(mock().robotMessages(KEYWORD_ROBOT)).hasSize(1);
    }

    @Test
    void successErrcodeCanBeTheDocSampleString() {
        admin(mock(), "config", "{\"robotSuccessErrcodeAsString\":true}");
        assertThat(robot("access_token=" + KEYWORD_ROBOT, text("告警")).body()).isEqualTo("{\"errcode\":\"0\",\"errmsg\":\"ok\"}");
    }
}
