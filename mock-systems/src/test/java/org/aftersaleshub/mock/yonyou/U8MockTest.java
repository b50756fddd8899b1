package org.aftersaleshub.mock.yonyou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.aftersaleshub.mock.ErpHttp;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** U8 OpenAPI: token and expiry, tradeid, otherout/add sync/async with de-duplication, stock, master data. */
class U8MockTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("u8");

    static final ObjectMapper JSON = ErpHttp.JSON;
    static final String CALLER = "from_account=demo_dev&to_account=demo_ent&app_key=opa5e9d3c1b2a4f6e8";

    U8Mock mock;
    ErpHttp http;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        mock = mocks.get(U8Mock.class);
        http = new ErpHttp(mock.baseUrl());
        token = http.get("/system/token?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&app_secret=u8-demo-app-secret")
                .at("/token/id").asText();
    }

    String api(String resourceOp, String extra) {
        return "/api/" + resourceOp + "?" + CALLER + "&token=" + token + extra;
    }

    static String otherout(String inv, String wh, String qty) {
        return "{\"otherout\":{\"date\":\"2026-03-01\",\"maker\":\"demo\",\"warehousecode\":\"" + wh + "\","
                + "\"receivecode\":\"21\",\"memory\":\"ticket T-1\",\"entry\":[{\"inventorycode\":\"" + inv
                + "\",\"quantity\":" + qty + "}]}}";
    }

    @Test
    void tokenHasStringErrcodeAndExpiresOnTheMockClock() throws Exception {
        JsonNode t = http.get("/system/token?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&app_secret=u8-demo-app-secret");
        assertThat(t.get("errcode").isTextual()).isTrue();
        assertThat(t.get("errcode").asText()).isEqualTo("0");
        assertThat(t.get("errmsg").asText()).isEqualTo("成功");
        assertThat(t.at("/token/expiresIn").asInt()).isEqualTo(7200);
        assertThat(t.at("/token/appKey").asText()).isEqualTo("opa5e9d3c1b2a4f6e8");
        assertThat(t.at("/token/id").asText()).matches("[0-9a-f]{32}");
        assertThat(http.get(api("inventory/get", "&id=0010001")).get("errcode").asText()).isEqualTo("0");
        mock.clock().advance(Duration.ofSeconds(7199));
        assertThat(http.get(api("inventory/get", "&id=0010001")).get("errcode").asText()).isEqualTo("0");
        mock.clock().advance(Duration.ofSeconds(2));
        JsonNode expired = http.get(api("inventory/get", "&id=0010001"));
        assertThat(expired.get("errcode").asText()).isEqualTo("30011");
        mock.config().setTokenErrcode("99999");
        assertThat(http.get(api("inventory/get", "&id=0010001")).get("errcode").asText()).isEqualTo("99999");
        assertThat(mock.tokenCalls()).isEqualTo(2);
    }

    @Test
    void badCredentialsAndExpireTokensAdmin() throws Exception {
        JsonNode bad = http.get("/system/token?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&app_secret=wrong");
        assertThat(bad.get("errcode").asText()).isNotEqualTo("0");
        http.raw("POST", "/mock-admin/u8/expire-tokens", "", Duration.ofSeconds(5));
        assertThat(http.get(api("inventory/get", "&id=0010001")).get("errcode").asText()).isEqualTo("30011");
    }

    @Test
    void tradeidIsFresh32HexWithHtmlContentType() throws Exception {
        HttpResponse<String> r = http.raw("GET", "/system/tradeid?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&token="
                + token, null, Duration.ofSeconds(5));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("errcode").asText()).isEqualTo("0");
        assertThat(a.at("/trade/id").asText()).matches("[0-9a-f]{32}");
        JsonNode b = http.get("/system/tradeid?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&token=" + token);
        assertThat(b.at("/trade/id").asText()).isNotEqualTo(a.at("/trade/id").asText());
    }

    @Test
    void syncAddWithBizIdCreatesOneDocumentAndLowersStock() throws Exception {
        JsonNode r = http.post(api("otherout/add", "&biz_id=T-1-L1&sync=1&ds_sequence=1"), otherout("0010001", "01", "4"));
        assertThat(r.get("errcode").asText()).isEqualTo("0");
        String id = r.get("id").asText();
        assertThat(mock.documentsByBizId("T-1-L1")).hasSize(1);
        assertThat(mock.stock("0010001", "01")).isEqualByComparingTo("54");
        JsonNode again = http.post(api("otherout/add", "&biz_id=T-1-L1&sync=1"), otherout("0010001", "01", "4"));
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(mock.documentsByBizId("T-1-L1")).hasSize(1);
        assertThat(mock.stock("0010001", "01")).isEqualByComparingTo("54");
        JsonNode cs = http.get(api("currentstock/batch_get", "&invcode_begin=0010001&invcode_end=0010001&whcode_begin=01"
                + "&whcode_end=01&page_index=1&rows_per_page=20"));
        assertThat(cs.get("row_count").asText()).isEqualTo("1");
        assertThat(cs.get("page_index").isTextual()).isTrue();
        assertThat(cs.at("/currentstock/0/availqty").decimalValue()).isEqualByComparingTo("54");
        assertThat(cs.at("/currentstock/0/qty").decimalValue()).isEqualByComparingTo("54");
    }

    @Test
    void repeatedBizIdCanBeConfiguredToFail() throws Exception {
        mock.config().setDuplicatePolicy(U8Config.DuplicatePolicy.ERROR);
        http.post(api("otherout/add", "&biz_id=DUP&sync=1"), otherout("0010001", "01", "1"));
        JsonNode dup = http.post(api("otherout/add", "&biz_id=DUP&sync=1"), otherout("0010001", "01", "1"));
        assertThat(dup.get("errcode").asText()).isEqualTo("2003");
        assertThat(mock.documentsByBizId("DUP")).hasSize(1);
    }

    @Test
    void exactlyOneOfTradeidOrBizIdAndTradeidDedup() throws Exception {
        assertThat(http.post(api("otherout/add", "&sync=1"), otherout("0010001", "01", "1")).get("errcode").asText())
                .isEqualTo("2001");
        String tradeid = http.get("/system/tradeid?from_account=demo_dev&app_key=opa5e9d3c1b2a4f6e8&token=" + token)
                .at("/trade/id").asText();
        assertThat(http.post(api("otherout/add", "&sync=1&biz_id=X&tradeid=" + tradeid), otherout("0010001", "01", "1"))
                .get("errcode").asText()).isEqualTo("2001");
        JsonNode first = http.post(api("otherout/add", "&sync=1&tradeid=" + tradeid), otherout("0010001", "01", "1"));
        assertThat(first.get("tradeid").asText()).isEqualTo(tradeid);
        JsonNode second = http.post(api("otherout/add", "&sync=1&tradeid=" + tradeid), otherout("0010001", "01", "1"));
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(mock.documentsByTradeId(tradeid)).hasSize(1);
        assertThat(http.post(api("otherout/add", "&sync=1&tradeid=0123456789abcdef0123456789abcdef"),
                otherout("0010001", "01", "1")).get("errcode").asText()).isEqualTo("2001");
    }

    @Test
    void asyncAddByDefaultAnswersTheVoucherIdOnTheFirstReadOfTheResultUrl() throws Exception {
        // Yonyou's Java SDK (openapi4j) waits ping_after and reads the result url once: that read must be final
        JsonNode r = http.post(api("otherout/add", "&biz_id=ASYNC-1"), otherout("0020002", "02", "2"));
        assertThat(r.get("errcode").asText()).isEqualTo("0");
        assertThat(r.get("ping_after").asInt()).isEqualTo(3);
        String url = r.get("url").asText();
        assertThat(url).startsWith(mock.baseUrl() + "/result?requestid=");
        JsonNode first = http.get(url);
        assertThat(first.has("url")).isFalse();
        assertThat(first.get("errcode").asText()).isEqualTo("0");
        assertThat(first.get("id").asText()).isEqualTo(mock.documentsByBizId("ASYNC-1").get(0).get("id"));
        assertThat(mock.stock("0020002", "02")).isEqualByComparingTo("10");
        JsonNode retry = http.post(api("otherout/add", "&biz_id=ASYNC-1"), otherout("0020002", "02", "2"));
        assertThat(http.get(retry.get("url").asText()).get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(mock.documentsByBizId("ASYNC-1")).hasSize(1);
    }

    @Test
    void slowAsyncResultIsAnOptInFaultThatAnswersProcessingForThatManyReads() throws Exception {
        mock.config().setAsyncPollsBeforeResult(2);
        JsonNode r = http.post(api("otherout/add", "&biz_id=ASYNC-2"), otherout("0020002", "02", "2"));
        String url = r.get("url").asText();
        for (int read = 1; read <= 2; read++) {
            JsonNode processing = http.get(url);
            assertThat(processing.get("errcode").asText()).isEqualTo("0");
            assertThat(processing.get("errmsg").asText()).isEqualTo("处理中");
            assertThat(processing.get("url").asText()).isEqualTo(url);
            assertThat(processing.get("ping_after").asInt()).isEqualTo(3);
            assertThat(processing.has("id")).isFalse();
        }
        JsonNode done = http.get(url);
        assertThat(done.has("url")).isFalse();
        assertThat(done.get("errcode").asText()).isEqualTo("0");
        assertThat(done.get("id").asText()).isEqualTo(mock.documentsByBizId("ASYNC-2").get(0).get("id"));
        assertThat(mock.documentsByBizId("ASYNC-2")).hasSize(1); // committed at once; only the answer waited
    }

    @Test
    void stockSetByATestIsWhatAnAddChecksAndLowers() throws Exception {
        mock.setStock("0070007", "01", new BigDecimal("2"));
        assertThat(http.post(api("otherout/add", "&biz_id=SET-1&sync=1"), otherout("0070007", "01", "3"))
                .get("errcode").asText()).isEqualTo("40002");
        mock.setStock("0070007", "01", new BigDecimal("5"));
        assertThat(http.post(api("otherout/add", "&biz_id=SET-1&sync=1"), otherout("0070007", "01", "3"))
                .get("errcode").asText()).isEqualTo("0");
        assertThat(mock.stock("0070007", "01")).isEqualByComparingTo("2");
        assertThat(mock.documentCount("otherout")).isEqualTo(1);
    }

    @Test
    void expiringAllTokensLeavesNoLiveToken() {
        assertThat(mock.liveTokenCount()).isEqualTo(1);
        mock.expireAllTokens();
        assertThat(mock.liveTokenCount()).isZero();
    }

    @Test
    void insufficientStockAndValidationErrorsCreateNothing() throws Exception {
        JsonNode neg = http.post(api("otherout/add", "&biz_id=NEG&sync=1"), otherout("0010001", "03", "4"));
        assertThat(neg.get("errcode").asText()).isEqualTo("40002");
        assertThat(mock.stock("0010001", "03")).isEqualByComparingTo("3");
        JsonNode noWh = http.post(api("otherout/add", "&biz_id=NOWH&sync=1"), otherout("0010001", "", "1"));
        assertThat(noWh.get("errcode").asText()).isEqualTo("40001");
        assertThat(noWh.get("errmsg").asText()).contains("warehousecode");
        assertThat(mock.documentCount("otherout")).isZero();
        mock.config().setAllowNegativeStock(true);
        assertThat(http.post(api("otherout/add", "&biz_id=NEG2&sync=1"), otherout("0010001", "03", "4")).get("errcode")
                .asText()).isEqualTo("0");
        assertThat(mock.stock("0010001", "03")).isEqualByComparingTo("-1");
    }

    @Test
    void errorBodiesCanComeAsTextHtml() throws Exception {
        mock.config().setErrorsAsHtml(true);
        HttpResponse<String> r = http.raw("GET", api("inventory/get", "&id=nope"), null, Duration.ofSeconds(5));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(JSON.readTree(r.body()).get("errcode").asText()).isEqualTo("20001");
    }

    @Test
    void auditNeedsLoginV2ForTheApprover() throws Exception {
        http.post(api("otherout/add", "&biz_id=AUD&sync=1"), otherout("0010001", "01", "1"));
        String code = (String) mock.documentsByBizId("AUD").get(0).get("code");
        String audit = "{\"otherout\":{\"voucher_code\":\"" + code + "\",\"user_id\":\"demo\",\"opinion\":\"ok\",\"agree\":1}}";
        assertThat(http.post(api("otherout/audit", ""), audit).get("errcode").asText()).isEqualTo("30023");
        assertThat(http.post(api("user/login_v2", ""), "{\"user\":{\"user_id\":\"demo\",\"password\":\"x\"}}")
                .get("errcode").asText()).isEqualTo("0");
        JsonNode ok = http.post(api("otherout/audit", ""), audit);
        assertThat(ok.toString()).isEqualTo("{\"errcode\":\"0\",\"errmsg\":\"\"}");
        assertThat(mock.documentsByBizId("AUD").get(0)).containsEntry("audited", true);
    }

    @Test
    void materialoutAddFollowsTheSamePattern() throws Exception {
        JsonNode r = http.post(api("materialout/add", "&biz_id=MO-1&sync=1"),
                otherout("0030003", "01", "1").replace("\"otherout\"", "\"materialout\""));
        assertThat(r.get("errcode").asText()).isEqualTo("0");
        assertThat(mock.documentCount("materialout")).isEqualTo(1);
    }

    @Test
    void masterDataGetAndBatchGetWithCodeRanges() throws Exception {
        JsonNode c = http.get(api("customer/get", "&id=C0001"));
        assertThat(c.at("/customer/code").asText()).isEqualTo("C0001");
        assertThat(c.at("/customer/name").asText()).isEqualTo("上海精工机械有限公司");
        JsonNode inv = http.get(api("inventory/get", "&id=0010001"));
        assertThat(inv.at("/inventory/name").asText()).isEqualTo("压缩机");
        JsonNode cs = http.get(api("customer/batch_get", "&code_begin=C0001&code_end=C0005&page_index=1&rows_per_page=2"));
        assertThat(cs.get("row_count").asText()).isEqualTo("5");
        assertThat(cs.get("page_count").asText()).isEqualTo("3");
        assertThat(cs.get("customer")).hasSize(2);
        JsonNode invs = http.get(api("inventory/batch_get", "&code_begin=0010001&code_end=0010001"));
        assertThat(invs.get("inventory")).hasSize(1);
        assertThat(http.get(api("customer/get", "&id=NOPE")).get("errcode").asText()).isEqualTo("20001");
    }

    @Test
    void warehousesReadLikeTheOtherMasterDataAndEveryRequestIsLogged() throws Exception {
        long before = mock.requests().count("warehouse/batch_get");
        JsonNode one = http.get(api("warehouse/batch_get", "&code_begin=01&code_end=01&page_index=1&rows_per_page=20"));
        assertThat(one.get("errcode").asText()).isEqualTo("0");
        assertThat(one.get("warehouse")).hasSize(1);
        assertThat(one.at("/warehouse/0/code").asText()).isEqualTo("01");
        assertThat(one.at("/warehouse/0/name").asText()).isEqualTo("上海总仓");
        assertThat(http.get(api("warehouse/batch_get", "&code_begin=99&code_end=99")).get("warehouse")).isEmpty();
        assertThat(http.get(api("warehouse/batch_get", "&cwhcode_begin=02&cwhcode_end=03")).get("warehouse"))
                .extracting(w -> w.path("code").asText()).containsExactly("02", "03");
        assertThat(http.get(api("warehouse/get", "&id=02")).at("/warehouse/name").asText()).isEqualTo("广州备件库");
        assertThat(http.get(api("warehouse/get", "&id=99")).get("errcode").asText()).isEqualTo("20001");

        assertThat(mock.requests().count("warehouse/batch_get") - before).isEqualTo(3);
        assertThat(mock.requests().recent()).last().hasToString("GET /api/warehouse/get (warehouse/get)");
        assertThat(http.get("/mock-admin/requests").path("counts").path("warehouse/get").asLong()).isEqualTo(2);
    }

    @Test
    void commitThenLateAnswerThenRetryWithSameBizIdGivesTheSameVoucher() throws Exception {
        mock.faults().add(new FaultPlan.Rule("otherout/add", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0,
                1500, 1500));
        assertThatThrownBy(() -> http.raw("POST", api("otherout/add", "&biz_id=LATE&sync=1"), otherout("0010001", "01", "1"),
                Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(mock.documentsByBizId("LATE")).hasSize(1);
        JsonNode retry = http.post(api("otherout/add", "&biz_id=LATE&sync=1"), otherout("0010001", "01", "1"));
        assertThat(retry.get("id").asText()).isEqualTo(mock.documentsByBizId("LATE").get(0).get("id"));
        assertThat(mock.stock("0010001", "01")).isEqualByComparingTo("57");
    }

    @Test
    void adminStateAndDocuments() throws Exception {
        http.post(api("otherout/add", "&biz_id=ADM&sync=1"), otherout("0010001", "01", "1"));
        JsonNode docs = JSON.readTree(http.raw("GET", "/mock-admin/u8/documents?biz_id=ADM", null, Duration.ofSeconds(5)).body());
        assertThat(docs).hasSize(1);
        JsonNode state = JSON.readTree(http.raw("GET", "/mock-admin/state", null, Duration.ofSeconds(5)).body());
        assertThat(state.at("/stock/0010001/01").decimalValue()).isEqualByComparingTo("57");
        assertThat(state.get("tokenCalls").asInt()).isEqualTo(1);
    }
}
