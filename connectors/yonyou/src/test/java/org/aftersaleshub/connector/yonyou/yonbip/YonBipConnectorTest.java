package org.aftersaleshub.connector.yonyou.yonbip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.YonyouConnectorTestSupport;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.yonbip.YonBipMock;
import org.aftersaleshub.model.StockLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's conformance checks plus YonBIP specifics, all asserted on the YonBIP mock's state. */
class YonBipConnectorTest extends YonyouConnectorTestSupport<YonBipConnector, YonBipMock> {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("yonbip");

    static final String SECRET = "yb-canary-secret-c41d7";
    static final String PRODUCT = "MAT00001";
    static final String WH = "WH-SH-01";
    static final String SAVE_OP = "scm/othoutrecord/single/save";
    static final String AUDIT_OP = "scm/othoutrecord/batchaudit";

    @BeforeAll
    static void warmUpTheMock() throws Exception {
        warmUp(mocks.get(YonBipMock.class));
    }

    @BeforeEach
    void secretIsACanary() {
        mock = mocks.get(YonBipMock.class);
        mock.config().setAppSecret(SECRET);
    }

    @Override
    protected YonBipConnector newConnector() {
        return new YonBipConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("yonbip.tenant-id", "demo-tenant");
        c.put("yonbip.discovery-url", mocks.get(YonBipMock.class).baseUrl() + "/");
        c.put("yonbip.app-key", "yb-demo-app-key-0001");
        c.put("yonbip.app-secret", SECRET);
        c.put("yonbip.org", "ORG001");
        c.put("yonbip.product-codes", "SP-COMP-001=MAT00001,SP-PSU-002=MAT00002");
        c.put("yonbip.warehouse-codes", "WH01=WH-SH-01,WH02=WH-GZ-02");
        c.put("yonbip.timeout-ms", "1500");
        c.put("yonbip.backoff-initial-ms", "10");
        c.put("yonbip.backoff-max-ms", "50");
        c.put("yonbip.requests-per-second", "1000");
        return c;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        Map<String, String> noSecret = validConfig();
        noSecret.remove("yonbip.app-secret");
        Map<String, String> noTenant = validConfig();
        noTenant.remove("yonbip.tenant-id");
        return List.of(
                new InvalidConfig("app secret missing", noSecret, "yonbip.app-secret"),
                new InvalidConfig("neither tenant nor gateway", noTenant, "yonbip.tenant-id"),
                new InvalidConfig("gateway without token url", with("yonbip.gateway-url", "https://c2.example.com/g"),
                        "yonbip.token-url"),
                new InvalidConfig("unknown token path", with("yonbip.token-path", "V2"), "yonbip.token-path"),
                new InvalidConfig("discovery url not a URL", with("yonbip.discovery-url", "apigateway"),
                        "yonbip.discovery-url"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens there", with("yonbip.discovery-url", "http://127.0.0.1:9/"),
                        "yonbip.discovery-url"),
                new InvalidConfig("unknown tenant", with("yonbip.tenant-id", "nobody"), "yonbip.tenant-id"),
                new InvalidConfig("unknown app key (10018)", with("yonbip.app-key", "no-such-app"), "yonbip.app-key"),
                new InvalidConfig("wrong app secret (bad signature)", with("yonbip.app-secret", "wrong-secret"),
                        "yonbip.app-secret"));
    }

    @Override
    protected long countEffects(String key) {
        return mock.documentsByResubmitKey(newConnector().documentNumberFor(key)).size();
    }

    @Override
    protected void expireTokensNow() {
        mock.expireAllTokens();
    }

    @Override
    protected long tokenRefreshes(YonBipConnector connector) {
        return mock.tokenCalls();
    }

    @Override
    protected void armCommitThenTimeout() {
        mock.faults().add(new FaultPlan.Rule(SAVE_OP, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0,
                3_000, 3_000));
    }

    @Override
    protected void armRateLimitAnswer() {
        mock.faults().add(new FaultPlan.Rule(SAVE_OP, FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.BEFORE, 1, 1.0, 429,
                0, 0));
    }

    // ------------------------------------------------------------------ YonBIP specifics

    @Test
    void auditAnswerLostAfterCommitStillMakesOneAuditedDocumentAndExactStock() {
        BigDecimal before = mock.stock(PRODUCT, WH);
        started();
        mock.faults().add(new FaultPlan.Rule(AUDIT_OP, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0,
                3_000, 3_000));
        String key = newKey();
        effectWithRedelivery(key);
        assertThat(countEffects(key)).isEqualTo(1);
        assertThat(mock.documentsByResubmitKey(newConnector().documentNumberFor(key)).get(0).get("audited"))
                .isEqualTo(true);
        assertThat(mock.stock(PRODUCT, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void saveTimeoutAfterCommitLeavesStockExact() {
        BigDecimal before = mock.stock(PRODUCT, WH);
        started();
        armCommitThenTimeout();
        String key = newKey();
        effectWithRedelivery(key);
        assertThat(countEffects(key)).isEqualTo(1);
        assertThat(mock.stock(PRODUCT, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveHundredsAndResetsAreRedeliveredIntoOneDocument() {
        BigDecimal before = mock.stock(PRODUCT, WH);
        started();
        mock.faults().add(new FaultPlan.Rule(SAVE_OP, FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.AFTER, 1, 1.0, 502,
                0, 0));
        mock.faults().add(new FaultPlan.Rule(AUDIT_OP, FaultPlan.Kind.CONNECTION_RESET, FaultPlan.Phase.AFTER, 1, 1.0,
                0, 0, 0));
        String key = newKey();
        effectWithRedelivery(key);
        assertThat(countEffects(key)).isEqualTo(1);
        assertThat(mock.stock(PRODUCT, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void sameUsageTwiceIsOneDocumentAndOneStockMovement() {
        BigDecimal before = mock.stock(PRODUCT, WH);
        String key = newKey();
        DeductionResult first = started().deduct(usage(key, "2"));
        DeductionResult again = started().deduct(usage(key, "2"));
        assertThat(again.isDone()).isTrue();
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.documentNumber()).isEqualTo(first.documentNumber());
        assertThat(countEffects(key)).isEqualTo(1);
        assertThat(mock.stock(PRODUCT, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
    }

    @Test
    void plainTextIllegalTokenOnAStockReadIsRefreshedAndRetried() {
        started().stockLevel(StockQuery.of("SP-COMP-001", "WH01"));
        mock.expireAllTokens(); // QueryCurrentStocksByCondition answers text/plain 非法token
        StockLevel level = started().stockLevel(StockQuery.of("SP-COMP-001", "WH01"));
        assertThat(level.quantity()).isEqualByComparingTo(mock.stock(PRODUCT, WH));
        assertThat(level.sourceSystem()).isEqualTo("yonbip");
    }

    @Test
    void tooFrequent999IsBackedOffUntilTheGatewayLetsTheCallThrough() throws Exception {
        Map<String, String> c = validConfig();
        c.put("yonbip.max-attempts", "10");
        c.put("yonbip.backoff-initial-ms", "300");
        c.put("yonbip.backoff-max-ms", "600");
        try (YonBipConnector slow = new YonBipConnector()) {
            slow.start(c);
            mock.config().setRateLimitAs999(true);
            mock.config().setRateLimitPerMinute(1);
            slow.deduct(usage(newKey(), "1")); // uses this minute's one save and one audit
            String key = newKey();
            CompletableFuture<DeductionResult> pending = CompletableFuture.supplyAsync(() -> slow.deduct(usage(key, "1")));
            await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) mock.state().get("rateLimited")).intValue() > 0);
            mock.clock().advance(Duration.ofMinutes(2)); // the gateway's minute window passes
            assertThat(pending.get().isDone()).isTrue();
            assertThat(countEffects(key)).isEqualTo(1);
        }
    }

    @Test
    void insufficientStockFailsTheUsageWithTheDocumentLeftVisible() {
        DeductionResult r = started().deduct(usage(newKey(), "100000"));
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.documentNumber()).isNotBlank();
        assertThat(r.reason()).contains("现存量不足");
    }

    @Test
    void fiftyConcurrentUsagesOfOnePartLeaveStockExact() throws Exception {
        BigDecimal before = mock.stock(PRODUCT, WH);
        YonBipConnector c = started();
        deductConcurrently(c, 50);
        assertThat(mock.stock(PRODUCT, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
        assertThat(mock.documentCount()).isEqualTo(50);
        assertThat(mock.tokenCalls()).as("one token for 50 concurrent callers").isEqualTo(1);
    }

    @Test
    void legacyTokenPathAndConfiguredGatewayWork() {
        Map<String, String> c = with("yonbip.token-path", "LEGACY");
        c.remove("yonbip.tenant-id");
        c.put("yonbip.gateway-url", mock.baseUrl() + "/iuap-api-gateway");
        c.put("yonbip.token-url", mock.baseUrl() + "/iuap-api-auth");
        try (YonBipConnector direct = new YonBipConnector()) {
            assertThat(direct.validate(c)).isEmpty();
            direct.start(c);
            assertThat(direct.stockLevel(StockQuery.of("SP-PSU-002", "WH02")).quantity())
                    .isEqualByComparingTo(mock.stock("MAT00002", "WH-GZ-02"));
        }
    }

    @Test
    void resubmitCheckKeyIsDeterministicAndAtMost32Characters() {
        YonBipConnector c = newConnector();
        String k = c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c31");
        assertThat(k).hasSize(32).matches("ah[0-9a-f]{30}")
                .isEqualTo(c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c31"))
                .isNotEqualTo(c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c32"));
    }

    @Test
    void returnsAreRefusedBecauseTheSpecHasNoInboundApi() {
        int documentsBefore = mock.documentCount();
        DeductionResult r = started().compensate(new ReturnRequest(usage("R1", "1"), "unused"));
        assertThat(r.isDone()).isFalse();
        assertThat(r.reason()).contains("no other-inbound", "R1");
        assertThat(mock.documentCount()).isEqualTo(documentsBefore);
    }
}
