package org.aftersaleshub.mock.yonbip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.aftersaleshub.mock.ErpHttp;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** YonBIP: discovery, signed token, gateway codes, othoutrecord save/audit with resubmitCheckKey, stock. */
class YonBipMockTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("yonbip");

    static final ObjectMapper JSON = ErpHttp.JSON;
    /** Output of mock-systems/tools/yonbip_vectors.py for appKey yb-demo-app-key-0001, timestamp 1700000000000. */
    static final String SIGNATURE_URLENCODED = "d2tcFFnD58pmVY7JgHChOtUbLgaNansNvtYBA34OGt4%3D";
    static final String TOKEN_QUERY = "?appKey=yb-demo-app-key-0001&timestamp=1700000000000&signature=";

    YonBipMock mock;
    ErpHttp http;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        mock = mocks.get(YonBipMock.class);
        http = new ErpHttp(mock.baseUrl());
        token = http.get("/iuap-api-auth/open-auth/selfAppAuth/base/v1/getAccessToken" + TOKEN_QUERY + SIGNATURE_URLENCODED)
                .at("/data/access_token").asText();
    }

    String api(String path) {
        return "/iuap-api-gateway/yonbip/" + path + (path.contains("?") ? "&" : "?") + "access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    static String save(String key, String product, String warehouse, String qty) {
        return "{\"data\":{" + (key == null ? "" : "\"resubmitCheckKey\":\"" + key + "\",")
                + "\"org\":\"ORG001\",\"accountOrg\":\"ORG001\",\"vouchdate\":\"2026-03-01\",\"bustype\":\"A10001\","
                + "\"warehouse\":\"" + warehouse + "\",\"_status\":\"Insert\",\"out_sys_code\":\"T-1\","
                + "\"othOutRecords\":[{\"product\":\"" + product + "\",\"qty\":" + qty + ",\"unit\":\"台\","
                + "\"_status\":\"Insert\"}]}}";
    }

    @Test
    void gatewayDiscovery() throws Exception {
        JsonNode ok = http.get("/open-auth/dataCenter/getGatewayAddress?tenantId=demo-tenant");
        assertThat(ok.get("code").asText()).isEqualTo("00000");
        assertThat(ok.at("/data/gatewayUrl").asText()).isEqualTo(mock.baseUrl() + "/iuap-api-gateway");
        assertThat(ok.at("/data/tokenUrl").asText()).isEqualTo(mock.baseUrl() + "/iuap-api-auth");
        HttpResponse<String> bad = http.raw("GET", "/open-auth/dataCenter/getGatewayAddress?tenantId=nope", null, Duration.ofSeconds(5));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(bad.body())).isEqualTo(JSON.readTree("{\"code\":\"500\",\"message\":\"根据租户id获取网关地址出现异常\"}"));
    }

    @Test
    void tokenOnBothPathsWithTheDerivedSignatureAndSpecialCharacters() throws Exception {
        for (String p : new String[] {"/iuap-api-auth/open-auth/selfAppAuth/getAccessToken",
                "/iuap-api-auth/open-auth/selfAppAuth/base/v1/getAccessToken"}) {
            JsonNode t = http.get(p + TOKEN_QUERY + SIGNATURE_URLENCODED);
            assertThat(t.get("code").asText()).isEqualTo("00000");
            assertThat(t.get("message").asText()).isEqualTo("成功！");
            assertThat(t.at("/data/expire").asInt()).isEqualTo(7200);
            assertThat(t.at("/data/access_token").asText()).contains("+", "/", "=");
        }
        String oneOff = SIGNATURE_URLENCODED.replace("d2tc", "d2tC");
        JsonNode bad = http.get("/iuap-api-auth/open-auth/selfAppAuth/getAccessToken" + TOKEN_QUERY + oneOff);
        assertThat(bad).isEqualTo(JSON.readTree("{\"code\":\"50000\",\"message\":\"签名不正确\"}"));
        JsonNode unknown = http.get("/iuap-api-auth/open-auth/selfAppAuth/getAccessToken?appKey=nope&timestamp=1&signature=x");
        assertThat(unknown).isEqualTo(JSON.readTree("{\"code\":\"10018\",\"message\":\"应用不存在或appKey已停用\"}"));
    }

    @Test
    void unencodedTokenIsRejectedAndTokensExpire() throws Exception {
        // what a gateway's form decoding makes of an unencoded '+': a space, and the token no longer matches.
        // (MockRequest keeps a literal '+', so the mock itself cannot see whether the client encoded it.)
        String raw = "/iuap-api-gateway/yonbip/digitalModel/warehouse/list?access_token=" + token.replace("+", "%20");
        assertThat(http.post(raw, "{}").get("code").asText()).isEqualTo("310036");
        assertThat(http.post(api("digitalModel/warehouse/list"), "{}").get("code").asText()).isEqualTo("200");
        mock.clock().advance(Duration.ofSeconds(7201));
        assertThat(http.post(api("digitalModel/warehouse/list"), "{}")).isEqualTo(
                JSON.readTree("{\"code\":\"310036\",\"message\":\"非法token\"}"));
    }

    @Test
    void gatewayErrorCodes() throws Exception {
        JsonNode missing = http.post("/iuap-api-gateway/yonbip/digitalModel/warehouse/list", "{}");
        assertThat(missing).isEqualTo(JSON.readTree("{\"code\":\"310001\",\"message\":\"access_token不能为空。\"}"));
        HttpResponse<String> unknown = http.raw("POST", "/iuap-api-gateway/yonbip/scm/nothing/here", "{}", Duration.ofSeconds(5));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body())).isEqualTo(JSON.readTree(
                "{\"code\":\"310404\",\"message\":\"网关上没有注册此API[/yonbip/scm/nothing/here]，请确认后重新调用\"}"));
        mock.expireAllTokens();
        HttpResponse<String> plain = http.raw("POST", api("scm/stock/QueryCurrentStocksByCondition"), "{}", Duration.ofSeconds(5));
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(plain.body()).isEqualTo("非法token");
    }

    @Test
    void rateLimitAs429Or999() throws Exception {
        mock.config().setRateLimitPerMinute(2);
        assertThat(http.raw("POST", api("digitalModel/product/list"), "{}", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat(http.raw("POST", api("digitalModel/product/list"), "{}", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = http.raw("POST", api("digitalModel/product/list"), "{}", Duration.ofSeconds(5));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body())).isEqualTo(JSON.readTree("{\"code\":\"310046\",\"message\":\"API被限流\"}"));
        mock.config().setRateLimitAs999(true);
        JsonNode tooFrequent = http.post(api("digitalModel/product/list"), "{}");
        assertThat(tooFrequent.get("code").asText()).isEqualTo("999");
        mock.clock().advance(Duration.ofSeconds(61));
        assertThat(http.post(api("digitalModel/product/list"), "{}").get("code").asText()).isEqualTo("200");
    }

    @Test
    void saveThenBatchAuditDeductsStock() throws Exception {
        JsonNode saved = http.post(api("scm/othoutrecord/single/save"), save("ticket-1-line-1", "MAT00001", "WH-SH-01", "5"));
        assertThat(saved.get("code").asText()).isEqualTo("200");
        assertThat(saved.get("message").asText()).isEqualTo("操作成功");
        assertThat(saved.at("/data/status").asInt()).isZero();
        assertThat(saved.at("/data/othOutRecords/0/id").asText()).isNotBlank();
        assertThat(mock.stock("MAT00001", "WH-SH-01")).isEqualByComparingTo("58");
        String id = saved.at("/data/id").asText();
        JsonNode audit = http.post(api("scm/othoutrecord/batchaudit"), "{\"data\":[{\"id\":\"" + id + "\"}]}");
        assertThat(audit.get("code").asText()).isEqualTo("200");
        assertThat(audit.at("/data/sucessCount").asInt()).isEqualTo(1);
        assertThat(audit.at("/data/failCount").asInt()).isZero();
        assertThat(mock.stock("MAT00001", "WH-SH-01")).isEqualByComparingTo("53");
        JsonNode st = http.post(api("scm/stock/QueryCurrentStocksByCondition"),
                "{\"warehouse.code\":[\"WH-SH-01\"],\"productn.code\":\"MAT00001\"}");
        assertThat(st.get("data").isArray()).isTrue();
        assertThat(st.at("/data/0/currentqty").decimalValue()).isEqualByComparingTo("53");
        assertThat(st.at("/data/0/availableqty").decimalValue()).isEqualByComparingTo("53");
        JsonNode again = http.post(api("scm/othoutrecord/batchaudit"), "{\"data\":[{\"id\":\"" + id + "\"}]}");
        assertThat(again.get("code").asText()).isEqualTo("200");
        assertThat(again.at("/data/failCount").asInt()).isEqualTo(1);
        assertThat(mock.stock("MAT00001", "WH-SH-01")).isEqualByComparingTo("53");
    }

    @Test
    void repeatedResubmitCheckKeyReturnsTheOriginalOrAnErrorAsConfigured() throws Exception {
        JsonNode first = http.post(api("scm/othoutrecord/single/save"), save("K-1", "MAT00001", "WH-SH-01", "1"));
        JsonNode second = http.post(api("scm/othoutrecord/single/save"), save("K-1", "MAT00001", "WH-SH-01", "1"));
        assertThat(second.at("/data/id").asText()).isEqualTo(first.at("/data/id").asText());
        assertThat(mock.documentsByResubmitKey("K-1")).hasSize(1);
        mock.config().setResubmitPolicy(YonBipConfig.ResubmitPolicy.ERROR);
        assertThat(http.post(api("scm/othoutrecord/single/save"), save("K-1", "MAT00001", "WH-SH-01", "1")).get("code")
                .asText()).isEqualTo("999");
        assertThat(mock.documentCount()).isEqualTo(1);
        assertThat(http.post(api("scm/othoutrecord/single/save"), save("K".repeat(33), "MAT00001", "WH-SH-01", "1"))
                .get("code").asText()).isEqualTo("999");
    }

    @Test
    void stockSetByATestIsWhatTheAuditChecksAndTheQueryAnswers() throws Exception {
        mock.setStock("MAT00007", "WH-SH-01", new BigDecimal("2"));
        String id = http.post(api("scm/othoutrecord/single/save"), save("SET-1", "MAT00007", "WH-SH-01", "3"))
                .at("/data/id").asText();
        JsonNode shortAudit = http.post(api("scm/othoutrecord/batchaudit"), "{\"data\":[{\"id\":\"" + id + "\"}]}");
        assertThat(shortAudit.at("/data/failCount").asInt()).isEqualTo(1);
        mock.setStock("MAT00007", "WH-SH-01", new BigDecimal("5"));
        JsonNode audit = http.post(api("scm/othoutrecord/batchaudit"), "{\"data\":[{\"id\":\"" + id + "\"}]}");
        assertThat(audit.at("/data/failCount").asInt()).isZero();
        assertThat(mock.stock("MAT00007", "WH-SH-01")).isEqualByComparingTo("2");
        JsonNode stock = http.post(api("scm/stock/QueryCurrentStocksByCondition"),
                "{\"warehouse.code\":\"WH-SH-01\",\"productn.code\":\"MAT00007\"}");
        assertThat(stock.at("/data/0/currentqty").decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void expiringAllTokensLeavesNoLiveToken() {
        assertThat(mock.liveTokenCount()).isEqualTo(1);
        mock.expireAllTokens();
        assertThat(mock.liveTokenCount()).isZero();
    }

    @Test
    void insufficientStockFailsTheAuditWithCode200AndFailCount() throws Exception {
        String id = http.post(api("scm/othoutrecord/single/save"), save("NEG", "MAT00001", "WH-BJ-03", "4")).at("/data/id").asText();
        JsonNode audit = http.post(api("scm/othoutrecord/batchaudit"), "{\"data\":[{\"id\":\"" + id + "\"},{\"id\":\"404\"}]}");
        assertThat(audit.get("code").asText()).isEqualTo("200");
        assertThat(audit.at("/data/count").asInt()).isEqualTo(2);
        assertThat(audit.at("/data/failCount").asInt()).isEqualTo(2);
        assertThat(audit.at("/data/failInfos/0/id").asText()).isEqualTo(id);
        assertThat(mock.stock("MAT00001", "WH-BJ-03")).isEqualByComparingTo("3");
    }

    @Test
    void savedStatusUpdateAndDetail() throws Exception {
        mock.config().setSavedStatus(1);
        JsonNode saved = http.post(api("scm/othoutrecord/single/save"), save(null, "MAT00002", "WH-GZ-02", "1"));
        assertThat(saved.at("/data/status").asInt()).isEqualTo(1);
        String id = saved.at("/data/id").asText();
        String update = save(null, "MAT00002", "WH-GZ-02", "2").replace("\"_status\":\"Insert\",\"out",
                "\"_status\":\"Update\",\"id\":\"" + id + "\",\"out");
        assertThat(http.post(api("scm/othoutrecord/single/save"), update).at("/data/othOutRecords/0/qty").asInt()).isEqualTo(2);
        assertThat(http.get(api("scm/othoutrecord/detail?id=" + id)).at("/data/id").asText()).isEqualTo(id);
        assertThat(http.get(api("scm/othoutrecord/detail?id=1"))).isEqualTo(JSON.readTree("{\"code\":\"1002\",\"message\":\"数据不存在\"}"));
        assertThat(http.post(api("scm/othoutrecord/single/save"), save(null, "NOPE", "WH-GZ-02", "1")).get("code").asText())
                .isEqualTo("999");
    }

    @Test
    void masterDataListsPageAsRecordList() throws Exception {
        JsonNode products = http.post(api("digitalModel/product/list"), "{\"pageIndex\":2,\"pageSize\":20}");
        assertThat(products.at("/data/recordCount").asInt()).isEqualTo(50);
        assertThat(products.at("/data/recordList")).hasSize(20);
        JsonNode merchant = http.post(api("digitalModel/merchant/list"), "{\"code\":\"C0001\"}");
        String id = merchant.at("/data/recordList/0/id").asText();
        assertThat(http.get(api("digitalModel/merchant/detail?id=" + id)).at("/data/name").asText()).isEqualTo("上海精工机械有限公司");
    }

    @Test
    void commitThenLateAnswerThenRetryWithSameKeyGivesOneDocument() throws Exception {
        mock.faults().add(new FaultPlan.Rule("scm/othoutrecord/single/save", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                1, 1.0, 0, 1500, 1500));
        assertThatThrownBy(() -> http.raw("POST", api("scm/othoutrecord/single/save"), save("LATE", "MAT00001", "WH-SH-01", "1"),
                Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(mock.documentsByResubmitKey("LATE")).hasSize(1);
        JsonNode retry = http.post(api("scm/othoutrecord/single/save"), save("LATE", "MAT00001", "WH-SH-01", "1"));
        assertThat(retry.at("/data/id").asText()).isEqualTo(mock.documentsByResubmitKey("LATE").get(0).get("id"));
        assertThat(mock.documentCount()).isEqualTo(1);
    }

    @Test
    void adminEndpoints() throws Exception {
        http.post(api("scm/othoutrecord/single/save"), save("ADM", "MAT00001", "WH-SH-01", "1"));
        JsonNode docs = JSON.readTree(http.raw("GET", "/mock-admin/yonbip/documents?resubmitCheckKey=ADM", null, Duration.ofSeconds(5)).body());
        assertThat(docs).hasSize(1);
        http.raw("POST", "/mock-admin/yonbip/stock", "{\"product\":\"MAT00001\",\"warehouse\":\"WH-SH-01\",\"qty\":1}", Duration.ofSeconds(5));
        assertThat(mock.stock("MAT00001", "WH-SH-01")).isEqualByComparingTo("1");
        http.raw("POST", "/mock-admin/yonbip/expire-tokens", "", Duration.ofSeconds(5));
        assertThat(http.post(api("digitalModel/warehouse/list"), "{}").get("code").asText()).isEqualTo("310036");
        JsonNode state = JSON.readTree(http.raw("GET", "/mock-admin/state", null, Duration.ofSeconds(5)).body());
        assertThat(state.get("tokenCalls").asInt()).isEqualTo(1);
    }
}
