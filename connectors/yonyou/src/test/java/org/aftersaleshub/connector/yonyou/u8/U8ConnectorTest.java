package org.aftersaleshub.connector.yonyou.u8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.YonyouConnectorTestSupport;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.yonyou.U8Config;
import org.aftersaleshub.mock.yonyou.U8Mock;
import org.aftersaleshub.model.StockLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's conformance checks plus U8 specifics, all asserted on the U8 mock's state. */
class U8ConnectorTest extends YonyouConnectorTestSupport<U8Connector, U8Mock> {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("u8");

    static final String SECRET = "u8-canary-secret-7f3a9";
    static final String INV = "0010001";
    static final String WH = "01";

    @BeforeAll
    static void warmUpTheMock() throws Exception {
        warmUp(mocks.get(U8Mock.class));
    }

    @BeforeEach
    void secretIsACanary() {
        mock = mocks.get(U8Mock.class);
        mock.config().setAppSecret(SECRET);
        mock.config().setPingAfterSeconds(0);
    }

    @Override
    protected U8Connector newConnector() {
        return new U8Connector();
    }

    @Override
    protected Map<String, String> validConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("u8.base-url", mocks.get(U8Mock.class).baseUrl() + "/");
        c.put("u8.from-account", "demo_dev");
        c.put("u8.to-account", "demo_ent");
        c.put("u8.app-key", "opa5e9d3c1b2a4f6e8");
        c.put("u8.app-secret", SECRET);
        c.put("u8.receive-code", "21");
        c.put("u8.inventory-codes", "SP-COMP-001=0010001,SP-PSU-002=0020002");
        c.put("u8.warehouse-codes", "WH01=01,WH02=02,WH03=03");
        c.put("u8.timeout-ms", "1500");
        c.put("u8.backoff-initial-ms", "10");
        c.put("u8.backoff-max-ms", "50");
        c.put("u8.async-max-wait-ms", "20");
        c.put("u8.requests-per-second", "1000");
        return c;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        Map<String, String> noSecret = validConfig();
        noSecret.remove("u8.app-secret");
        return List.of(
                new InvalidConfig("base URL is not a URL", with("u8.base-url", "api.yonyouup.com"), "u8.base-url"),
                new InvalidConfig("app secret missing", noSecret, "u8.app-secret"),
                new InvalidConfig("write mode unknown", with("u8.write-mode", "LATER"), "u8.write-mode"),
                new InvalidConfig("token ttl above 1 h 55 min", with("u8.token-ttl-seconds", "7200"),
                        "u8.token-ttl-seconds"),
                new InvalidConfig("code map malformed", with("u8.warehouse-codes", "WH01"), "u8.warehouse-codes"),
                new InvalidConfig("typo in a key", with("u8.app-secert", "x"), "u8.app-secert"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens there", with("u8.base-url", "http://127.0.0.1:9/"), "u8.base-url"),
                new InvalidConfig("wrong app secret", with("u8.app-secret", "not-the-secret"), "u8.app-secret"),
                new InvalidConfig("enterprise not authorised", with("u8.to-account", "someone_else"),
                        "u8.to-account"));
    }

    @Override
    protected long countEffects(String key) {
        return mock.documentsByBizId(key).size();
    }

    @Override
    protected void expireTokensNow() {
        mock.expireAllTokens();
    }

    @Override
    protected long tokenRefreshes(U8Connector connector) {
        return mock.tokenCalls();
    }

    @Override
    protected void armCommitThenTimeout() {
        mock.faults().add(new FaultPlan.Rule(U8Connector.OTHEROUT_ADD, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1,
                1.0, 0, 3_000, 3_000));
    }

    @Override
    protected void armRateLimitAnswer() {
        mock.faults().add(new FaultPlan.Rule(U8Connector.OTHEROUT_ADD, FaultPlan.Kind.HTTP_ERROR,
                FaultPlan.Phase.BEFORE, 1, 1.0, 429, 0, 0));
    }

    // ------------------------------------------------------------------ U8 specifics

    @Test
    void deductionLowersStockExactlyOnceUnderTimeoutAfterCommit() {
        BigDecimal before = mock.stock(INV, WH);
        started();
        armCommitThenTimeout();
        String key = newKey();
        assertThatThrownBy(() -> effect(key)).isInstanceOf(ConnectorException.class)
                .extracting(e -> ((ConnectorException) e).outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        effect(key); // the redelivery: same biz_id, U8 answers with the original voucher
        assertThat(mock.documentsByBizId(key)).hasSize(1);
        assertThat(mock.stock(INV, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveHundredsAndResetsAreRedeliveredIntoOneVoucher() {
        BigDecimal before = mock.stock(INV, WH);
        started();
        mock.faults().add(new FaultPlan.Rule(U8Connector.OTHEROUT_ADD, FaultPlan.Kind.HTTP_ERROR,
                FaultPlan.Phase.AFTER, 1, 1.0, 500, 0, 0));
        mock.faults().add(new FaultPlan.Rule(U8Connector.OTHEROUT_ADD, FaultPlan.Kind.CONNECTION_RESET,
                FaultPlan.Phase.AFTER, 1, 1.0, 0, 0, 0));
        String key = newKey();
        effectWithRedelivery(key);
        assertThat(mock.documentsByBizId(key)).hasSize(1);
        assertThat(mock.stock(INV, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveOhThreeBeforeTheEffectIsRetriedWithinTheCall() {
        started();
        mock.faults().add(new FaultPlan.Rule(U8Connector.OTHEROUT_ADD, FaultPlan.Kind.HTTP_ERROR,
                FaultPlan.Phase.BEFORE, 2, 1.0, 503, 0, 0));
        String key = newKey();
        effect(key);
        assertThat(mock.documentsByBizId(key)).hasSize(1);
    }

    @Test
    void sameUsageTwiceAnsweredWithADuplicateErrorStillCountsAsBooked() {
        mock.config().setDuplicatePolicy(U8Config.DuplicatePolicy.ERROR);
        mock.config().setErrorsAsHtml(true);
        String key = newKey();
        DeductionResult first = started().deduct(usage(key, "1"));
        DeductionResult again = started().deduct(usage(key, "1"));
        assertThat(again.isDone()).isTrue();
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.documentNumber()).isEqualTo(first.documentNumber());
        assertThat(mock.documentsByBizId(key)).hasSize(1);
    }

    @Test
    void asyncModePollsTheResultUrlUntilTheVoucherIdArrives() {
        try (U8Connector async = new U8Connector()) {
            async.start(with("u8.write-mode", "ASYNC"));
            mock.config().setAsyncPollsBeforeResult(3);
            String key = newKey();
            DeductionResult r = async.deduct(usage(key, "2"));
            assertThat(r.isDone()).isTrue();
            assertThat(r.documentNumber()).isEqualTo(mock.documentsByBizId(key).get(0).get("id"));
        }
    }

    @Test
    void asyncModeGivesUpAfterBoundedPollsAndTheRedeliveryFindsTheVoucher() {
        Map<String, String> c = with("u8.write-mode", "ASYNC");
        c.put("u8.async-max-polls", "2");
        try (U8Connector async = new U8Connector()) {
            async.start(c);
            mock.config().setAsyncPollsBeforeResult(5);
            String key = newKey();
            assertThatThrownBy(() -> async.deduct(usage(key, "1"))).isInstanceOf(ConnectorException.class)
                    .extracting(e -> ((ConnectorException) e).outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
            mock.config().setAsyncPollsBeforeResult(0);
            assertThat(async.deduct(usage(key, "1")).isDone()).isTrue();
            assertThat(mock.documentsByBizId(key)).hasSize(1);
        }
    }

    @Test
    void insufficientStockFailsTheUsageWithU8sMessage() {
        mock.config().setErrorsAsHtml(true); // text/html error bodies are still JSON
        DeductionResult r = started().deduct(usage(newKey(), "100000"));
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.reason()).contains("40002");
    }

    @Test
    void fiftyConcurrentUsagesOfOnePartLeaveStockExact() throws Exception {
        BigDecimal before = mock.stock(INV, WH);
        U8Connector c = started();
        deductConcurrently(c, 50);
        assertThat(mock.stock(INV, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
        assertThat(mock.tokenCalls()).as("one token for 50 concurrent callers").isEqualTo(1);
        assertThat(c.stockLevel(StockQuery.of("SP-COMP-001", "WH01")).quantity())
                .isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
    }

    @Test
    void stockQueryAnswersTheErpsCurrentStock() {
        StockLevel level = started().stockLevel(StockQuery.of("SP-PSU-002", "WH02"));
        assertThat(level.quantity()).isEqualByComparingTo(mock.stock("0020002", "02"));
        assertThat(level.available()).isEqualByComparingTo(mock.stock("0020002", "02"));
        assertThat(level.sourceSystem()).isEqualTo("u8");
        assertThat(started().stockLevel(new StockQuery("NEW", "9999999", "WH01")).quantity()).isZero();
    }

    @Test
    void stockQuerySurvivesAResetAndAnExpiredToken() {
        started().stockLevel(StockQuery.of("SP-COMP-001", "WH01"));
        mock.expireAllTokens();
        mock.faults().add(new FaultPlan.Rule(U8Connector.CURRENT_STOCK, FaultPlan.Kind.CONNECTION_RESET,
                FaultPlan.Phase.BEFORE, 1, 1.0, 0, 0, 0));
        assertThat(started().stockLevel(StockQuery.of("SP-COMP-001", "WH01")).quantity())
                .isEqualByComparingTo(mock.stock(INV, WH));
    }

    @Test
    void returnsAreRefusedBecauseTheSpecHasNoInboundApi() {
        DeductionResult r = started().compensate(new ReturnRequest(usage("R1", "1"), "unused"));
        assertThat(r.isDone()).isFalse();
        assertThat(r.reason()).contains("no other-inbound", "R1");
        assertThat(mock.documentCount("otherin")).isZero();
    }

    @Test
    void bizIdIsThePartUsageId() {
        assertThat(newConnector().documentNumberFor("PU-42")).isEqualTo("PU-42");
    }
}
