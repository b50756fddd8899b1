package org.aftersaleshub.mock.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login modes, SDK 8.x signature headers (known-answer vectors), SDK-shaped requests, session loss. */
class KingdeeAuthTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    // Outputs of mock-systems/tools/kingdee_vectors.py (Python hmac/hashlib, following the official Python SDK).
    static final String APP_ID = "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2";
    static final String APP_DATA = "NjU3MWQ5YTNjMWIyZTQwMDBhMWIyYzNkLGludGVncmF0aW9uLDIwNTIsMTAw";
    static final String KD_SIGNATURE =
            "NjVmNTJhZDg3YzA3NGE5ZDhlMGIxODJhZTg1NDM1Mjc1MmNjZGIzNzlhY2QzNGUwMGNkNzI5MDgwZjk4MjAwZA==";
    static final String API_SIGNATURE_PY =
            "MTQ5YmFkOWU1MGM1ZjM0ZDQ3OTYxN2ZhYThhNjQyY2EwNGU1ZTc4ODAzZjMyMjlmNTE4M2NkYTI2N2M1MmIyNA==";
    static final String API_SIGNATURE_JAVA =
            "NjViODM4N2M3YThkMTk4MDc3YTE4ZTBiY2ZkYjQxNDQ4ZDQwNDBjMGE1MjIwMDM4NWYxNzM3ZGY4MjFmMWQwNw==";
    static final String LOGIN_SIGN_SHA256 = "0b1daf1bc967cac7ab26c868855a27e2d81bc6e2f3b582faedeac22019012518";
    static final String LOGIN_SIGN_SHA1 = "4164602b472923466bf1bb695caee7c3c3b0be44";

    KingdeeMock mock;
    KingdeeHttp http;

    @BeforeEach
    void setUp() {
        mock = mocks.get(KingdeeMock.class);
        http = new KingdeeHttp(mock.baseUrl());
    }

    static String oneCharChanged(String s) {
        char c = s.charAt(5);
        return s.substring(0, 5) + (c == 'A' ? 'B' : 'A') + s.substring(6);
    }

    /** Headers exactly as the official Python SDK builds them (seconds, lower-case names). */
    static Map<String, String> pythonHeaders(String ts, String apiSignature, String kdSignature) {
        Map<String, String> h = new HashMap<>();
        h.put("X-Api-ClientID", "228761");
        h.put("X-Api-Auth-Version", "2.0");
        h.put("x-api-timestamp", ts);
        h.put("x-api-nonce", ts);
        h.put("x-api-signheaders", "x-api-timestamp,x-api-nonce");
        h.put("X-Api-Signature", apiSignature);
        h.put("X-Kd-Appkey", APP_ID);
        h.put("X-Kd-Appdata", APP_DATA);
        h.put("X-Kd-Signature", kdSignature);
        h.put("Accept-Charset", "utf-8");
        h.put("User-Agent", "Kingdee/Python WebApi SDK 7.3 (compatible; MSIE 6.0; Windows NT 5.1;SV1)");
        h.put("Content-Type", "application/json");
        return h;
    }

    /** Headers as the official Java SDK builds them (millis, X-Api-TimeStamp list, misspelt content type). */
    static Map<String, String> javaHeaders(String ts, String apiSignature) {
        Map<String, String> h = pythonHeaders(ts, apiSignature, KD_SIGNATURE);
        h.put("x-api-signheaders", "X-Api-TimeStamp,X-Api-Nonce");
        h.put("User-Agent", "Kingdee/Java WebApi SDK 7.3 (compatible; MSIE 6.0; Windows NT 5.1;SV1)");
        h.put("Content-Type", "applicatin/json");
        h.remove("Accept-Charset");
        return h;
    }

    static String saveBody(String billNo) throws Exception {
        return KingdeeHttp.JSON.writeValueAsString(Map.of("formid", "STK_MisDelivery",
                "data", KingdeeHttp.JSON.readTree(KingdeeHttp.outbound(billNo, "1.01.0001", "CK001", "1", ""))));
    }

    static String sid(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("kdservice-sessionid="))
                .map(c -> c.substring("kdservice-sessionid=".length(), c.indexOf(';'))).findFirst().orElse(null);
    }

    static final String SAVE = KingdeeHttp.path("DynamicFormService.Save");

    @Test
    void validateUserReturnsLoginJsonAndBothSessionCookies() throws Exception {
        HttpResponse<String> r = http.post(KingdeeHttp.path("AuthService.ValidateUser"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"Kd@123456\",2052]}", Map.of());
        JsonNode body = KingdeeHttp.JSON.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body.get("LoginResultType").asInt()).isEqualTo(1);
        assertThat(body.get("IsSuccessByAPI").asBoolean()).isTrue();
        assertThat(body.get("MessageCode").asText()).isEqualTo("CheckPasswordPolicy");
        assertThat(body.at("/Context/UserName").asText()).isEqualTo("integration");
        assertThat(body.at("/Context/CurrentOrganizationInfo/ID").asInt()).isEqualTo(1);
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).anyMatch(c -> c.startsWith("kdservice-sessionid=" + body.get("KDSVCSessionId").asText()))
                .anyMatch(c -> c.startsWith("ASP.NET_SessionId=")).noneMatch(c -> c.contains("expires="));
        assertThat(mock.loginCount()).isEqualTo(1);
        assertThat(mock.sessionCount()).isEqualTo(1);
    }

    @Test
    void validateUserNamedFormAndWrongPassword() throws Exception {
        JsonNode ok = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.ValidateUser"),
                "{\"acctID\":\"6571d9a3c1b2e4000a1b2c3d\",\"username\":\"integration\",\"password\":\"Kd@123456\",\"lcid\":2052}",
                Map.of()).body());
        assertThat(ok.get("LoginResultType").asInt()).isEqualTo(1);
        JsonNode bad = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.ValidateUser"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"wrong\",2052]}", Map.of()).body());
        assertThat(bad.get("LoginResultType").asInt()).isEqualTo(-1);
        assertThat(bad.get("Message").asText()).isEqualTo("用户名或密码错误");
        assertThat(bad.get("IsSuccessByAPI").asBoolean()).isFalse();
        mock.config().setBadLoginResultType(0);
        JsonNode pwError = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.ValidateUser"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"wrong\",2052]}", Map.of()).body());
        assertThat(pwError.get("LoginResultType").asInt()).isZero();
        assertThat(mock.loginCount()).isEqualTo(1);
    }

    @Test
    void loginByAppSecretAsTheJavaSdkSendsIt() throws Exception {
        HttpResponse<String> r = http.post(KingdeeHttp.path("AuthService.LoginByAppSecret"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"" + APP_ID
                        + "\",\"a1b2c3d4e5f60718293a4b5c6d7e8f90\",2052]}",
                Map.of("Content-Type", "applicatin/json"));
        assertThat(KingdeeHttp.JSON.readTree(r.body()).get("IsSuccessByAPI").asBoolean()).isTrue();
        JsonNode bad = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.LoginByAppSecret"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"" + APP_ID
                        + "\",\"a1b2c3d4e5f60718293a4b5c6d7e8f91\",2052]}", Map.of()).body());
        assertThat(bad.get("LoginResultType").asInt()).isEqualTo(-1);
    }

    @Test
    void loginBySignAcceptsTheDerivedSha256SignAndRejectsAOneCharacterChange() throws Exception {
        String ok = "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"" + APP_ID
                + "\",\"1700000000\",\"" + LOGIN_SIGN_SHA256 + "\",2052]}";
        HttpResponse<String> r = http.post(KingdeeHttp.path("AuthService.LoginBySign"), ok, Map.of());
        assertThat(KingdeeHttp.JSON.readTree(r.body()).get("LoginResultType").asInt()).isEqualTo(1);
        assertThat(sid(r)).isNotNull();
        JsonNode bad = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.LoginBySign"),
                ok.replace(LOGIN_SIGN_SHA256, oneCharChanged(LOGIN_SIGN_SHA256)), Map.of()).body());
        assertThat(bad.get("LoginResultType").asInt()).isEqualTo(-1);
        assertThat(bad.get("IsSuccessByAPI").asBoolean()).isFalse();
    }

    @Test
    void loginBySignOnAnOlderServerTakesSha1() throws Exception {
        mock.config().setLoginSignAlgorithm("SHA-1");
        String body = "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"" + APP_ID
                + "\",\"1700000000\",\"%s\",2052]}";
        assertThat(KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.LoginBySign"),
                body.formatted(LOGIN_SIGN_SHA1), Map.of()).body()).get("LoginResultType").asInt()).isEqualTo(1);
        assertThat(KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("AuthService.LoginBySign"),
                body.formatted(LOGIN_SIGN_SHA256), Map.of()).body()).get("LoginResultType").asInt()).isEqualTo(-1);
    }

    @Test
    void pythonSdkSignatureHeadersAreAcceptedWithoutLoginAndIssueASid() throws Exception {
        HttpResponse<String> r = http.post(SAVE, saveBody("PY-0001"),
                pythonHeaders("1700000000", API_SIGNATURE_PY, KD_SIGNATURE));
        JsonNode body = KingdeeHttp.JSON.readTree(r.body());
        assertThat(body.at("/Result/ResponseStatus/IsSuccess").asBoolean()).as(r.body()).isTrue();
        assertThat(sid(r)).isNotNull();
        assertThat(mock.documentsByBillNo("PY-0001")).hasSize(1);
    }

    @Test
    void javaSdkSignatureHeadersInMillisAreAccepted() throws Exception {
        HttpResponse<String> r = http.post(SAVE,
                KingdeeHttp.JSON.writeValueAsString(Map.of("parameters", List.of("STK_MisDelivery",
                        KingdeeHttp.outbound("JAVA-0001", "1.01.0001", "CK001", "1", "")))),
                javaHeaders("1700000000000", API_SIGNATURE_JAVA));
        assertThat(KingdeeHttp.JSON.readTree(r.body()).at("/Result/ResponseStatus/IsSuccess").asBoolean())
                .as(r.body()).isTrue();
        // the Java SDK then sends the SID header and the cookie it stored, "Theme=standard; name=value"
        String sid = sid(r);
        Map<String, String> next = javaHeaders("1700000000000", "garbage-ignored-while-the-sid-lives");
        next.put("SID", sid);
        next.put("Cookie", "Theme=standard; kdservice-sessionid=" + sid);
        HttpResponse<String> r2 = http.post(SAVE, KingdeeHttp.JSON.writeValueAsString(Map.of("parameters",
                List.of("STK_MisDelivery", KingdeeHttp.outbound("JAVA-0002", "1.01.0001", "CK001", "1", "")))), next);
        assertThat(KingdeeHttp.JSON.readTree(r2.body()).at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(r2.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(mock.sessionCount()).isEqualTo(1);
    }

    @Test
    void oneCharacterChangeInEitherSignatureLosesTheSession() throws Exception {
        for (Map<String, String> h : List.of(
                pythonHeaders("1700000000", oneCharChanged(API_SIGNATURE_PY), KD_SIGNATURE),
                pythonHeaders("1700000000", API_SIGNATURE_PY, oneCharChanged(KD_SIGNATURE)),
                pythonHeaders("1700000001", API_SIGNATURE_PY, KD_SIGNATURE))) {
            HttpResponse<String> r = http.post(SAVE, saveBody("BAD-SIG"), h);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(KingdeeHttp.JSON.readTree(r.body())).isEqualTo(KingdeeHttp.JSON.readTree(
                    "{\"Result\":{\"ResponseStatus\":{\"ErrorCode\":500,\"IsSuccess\":false,\"Errors\":[{\"FieldName\":null,"
                            + "\"Message\":\"会话信息已丢失，请重新登录\",\"DIndex\":0}],\"SuccessEntitys\":[],"
                            + "\"SuccessMessages\":[],\"MsgCode\":1},\"Id\":\"\",\"NeedReturnData\":[{}]}}"));
        }
        assertThat(mock.documentsByBillNo("BAD-SIG")).isEmpty();
        assertThat(mock.sessionCount()).isZero();
    }

    @Test
    void wrongAcctIdInSignatureModeIsANon200() throws Exception {
        Map<String, String> h = pythonHeaders("1700000000", API_SIGNATURE_PY, KD_SIGNATURE);
        h.put("X-Kd-Appdata", java.util.Base64.getEncoder().encodeToString(
                "000000000000000000000000,integration,2052,100".getBytes()));
        HttpResponse<String> r = http.post(SAVE, saveBody("BAD-ACCT"), h);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("Fail to verify thirty passport");
    }

    @Test
    void sessionLossIsWrappedForExecuteBillQueryAndPlainForBillQuery() throws Exception {
        String q = "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FMaterialId.FNumber,FBaseQty\"}";
        JsonNode ebq = http.query("ExecuteBillQuery", q);
        assertThat(ebq.isArray()).isTrue();
        assertThat(ebq.at("/0/0/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(1);
        assertThat(ebq.at("/0/0/Result/ResponseStatus/Errors/0/Message").asText()).isEqualTo(KingdeeMock.SESSION_LOST);
        assertThat(ebq.toString()).contains(",\"IsSuccess\":false,");
        JsonNode bq = http.query("BillQuery", q);
        assertThat(bq.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(1);
        assertThat(bq.at("/Result/ResponseStatus/Errors/0/FieldName").isNull()).isTrue();
    }

    @Test
    void cookieSessionsExpireAfterTheConfiguredIdleTime() throws Exception {
        http.login();
        mock.clock().advance(Duration.ofMinutes(19));
        assertThat(http.query("BillQuery", "{\"FormId\":\"BD_STOCK\",\"FieldKeys\":\"FNumber\"}").isArray()).isTrue();
        mock.clock().advance(Duration.ofMinutes(19)); // idle time counts from the last use
        assertThat(http.query("BillQuery", "{\"FormId\":\"BD_STOCK\",\"FieldKeys\":\"FNumber\"}").isArray()).isTrue();
        mock.clock().advance(Duration.ofMinutes(20));
        JsonNode lost = http.query("BillQuery", "{\"FormId\":\"BD_STOCK\",\"FieldKeys\":\"FNumber\"}");
        assertThat(lost.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(1);
        mock.config().setSessionIdleMinutes(90);
        http.login();
        mock.clock().advance(Duration.ofMinutes(89));
        assertThat(http.query("BillQuery", "{\"FormId\":\"BD_STOCK\",\"FieldKeys\":\"FNumber\"}").isArray()).isTrue();
    }

    @Test
    void staleSidWithGoodSignatureIsReissuedSilentlyUnlessSwitchedOff() throws Exception {
        Map<String, String> h = pythonHeaders("1700000000", API_SIGNATURE_PY, KD_SIGNATURE);
        h.put("kdservice-sessionid", "stale-or-random-sid");
        h.put("Cookie", "Theme=standard;kdservice-sessionid=stale-or-random-sid");
        HttpResponse<String> r = http.post(SAVE, saveBody("REISSUE-1"), h);
        assertThat(KingdeeHttp.JSON.readTree(r.body()).at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(sid(r)).isNotNull().isNotEqualTo("stale-or-random-sid");
        mock.config().setReissueStaleSidWithSignature(false);
        JsonNode lost = KingdeeHttp.JSON.readTree(http.post(SAVE, saveBody("REISSUE-2"), h).body());
        assertThat(lost.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(1);
        assertThat(mock.documentsByBillNo("REISSUE-2")).isEmpty();
    }

    @Test
    void expireSessionsAdminEndpointDropsEverySession() throws Exception {
        http.login();
        HttpResponse<String> r = http.admin("POST", "kingdee/expire-sessions", "");
        assertThat(KingdeeHttp.JSON.readTree(r.body()).get("expired").asInt()).isEqualTo(1);
        JsonNode lost = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("X1", "1.01.0001", "CK001", "1", ""));
        assertThat(lost.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(1);
        assertThat(lost.at("/Result/Id").asText()).isEmpty();
    }

    @Test
    void signaturesCanBeSwitchedOffButIdentityIsStillChecked() throws Exception {
        mock.config().setVerifySignatures(false);
        JsonNode ok = KingdeeHttp.JSON.readTree(http.post(SAVE, saveBody("NOVERIFY"),
                pythonHeaders("1", "x", "y")).body());
        assertThat(ok.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
    }
}
