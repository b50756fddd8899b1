package org.aftersaleshub.connector.yonyou.yonbip;

import static org.aftersaleshub.connector.yonyou.Deliveries.newKey;
import static org.aftersaleshub.connector.yonyou.Deliveries.usage;
import static org.aftersaleshub.connector.yonyou.Deliveries.withRedelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.ErpDocument;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.Deliveries;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.yonbip.YonBipMock;
import org.aftersaleshub.model.StockLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** YonBIP specifics beyond the conformance kit, asserted on the YonBIP mock's state (reset before each test). */
class YonBipConnectorTest {

    static final String SKU = "SP-COMP-001";
    static final String WH = "WH01";

    static StartedMock erp;
    YonBipMock mock;
    YonBipConnector connector;

    @BeforeAll
    static void startTheMock() {
        erp = new YonBipFixture().start();
    }

    @AfterAll
    static void stopTheMock() {
        erp.close();
    }

    @BeforeEach
    void freshMock() {
        erp.mock().reset();
        mock = (YonBipMock) erp.mock();
    }

    @AfterEach
    void stopTheConnector() {
        if (connector != null) {
            connector.stop();
        }
    }

    /** The fixture's keys with a 1.5 s timeout, four attempts per call (the default) and short back-offs. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>(erp.connectorKeys(Duration.ofMillis(1500)));
        c.put("yonbip.max-attempts", "4");
        c.put("yonbip.backoff-initial-ms", "10");
        c.put("yonbip.backoff-max-ms", "50");
        return c;
    }

    YonBipConnector started() {
        if (connector == null) {
            connector = new YonBipConnector();
            connector.start(config());
        }
        return connector;
    }

    DeductionResult deduct(String key, String qty) {
        return started().deduct(usage(key, qty));
    }

    @Test
    void auditAnswerLostAfterCommitStillMakesOneAuditedDocumentAndExactStock() {
        BigDecimal before = erp.stock(SKU, WH);
        started();
        erp.holdTheAnswerOfTheNextBooking(Duration.ofSeconds(3)); // batchaudit commits, its answer comes too late
        String key = newKey();
        assertThat(withRedelivery(() -> deduct(key, "1")).isDone()).isTrue();
        assertThat(erp.documentsOfUsage(key)).hasSize(1).allMatch(ErpDocument::booked);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void saveTimeoutAfterCommitLeavesStockExact() {
        BigDecimal before = erp.stock(SKU, WH);
        started();
        erp.commitNextWriteThenAnswerAfter(3_000);
        String key = newKey();
        assertThat(withRedelivery(() -> deduct(key, "1")).isDone()).isTrue();
        assertThat(erp.documentsOfUsage(key)).hasSize(1);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveHundredsAndResetsAreRedeliveredIntoOneDocument() {
        BigDecimal before = erp.stock(SKU, WH);
        started();
        erp.commitNextWriteThenAnswer(502);
        mock.faults().add(new FaultPlan.Rule(YonBipFixture.AUDIT_OP, FaultPlan.Kind.CONNECTION_RESET,
                FaultPlan.Phase.AFTER, 1, 1.0, 0, 0, 0));
        String key = newKey();
        assertThat(withRedelivery(() -> deduct(key, "1")).isDone()).isTrue();
        assertThat(erp.documentsOfUsage(key)).hasSize(1);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void sameUsageTwiceIsOneDocumentAndOneStockMovement() {
        BigDecimal before = erp.stock(SKU, WH);
        String key = newKey();
        DeductionResult first = deduct(key, "2");
        DeductionResult again = deduct(key, "2");
        assertThat(again.isDone()).isTrue();
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.documentNumber()).isEqualTo(first.documentNumber());
        assertThat(mock.documentsByResubmitKey(started().documentNumberFor(key))).hasSize(1);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
    }

    @Test
    void plainTextIllegalTokenOnAStockReadIsRefreshedAndRetried() {
        started().stockLevel(StockQuery.of(SKU, WH));
        erp.expireSessions(); // QueryCurrentStocksByCondition answers text/plain 非法token
        StockLevel level = started().stockLevel(StockQuery.of(SKU, WH));
        assertThat(level.quantity()).isEqualByComparingTo(erp.stock(SKU, WH));
        assertThat(level.sourceSystem()).isEqualTo("yonbip");
        assertThat(mock.tokenCalls()).as("the rejected token renewed once").isEqualTo(2);
    }

    @Test
    void tooFrequent999IsBackedOffUntilTheGatewayLetsTheCallThrough() throws Exception {
        Map<String, String> c = config();
        c.put("yonbip.max-attempts", "10");
        c.put("yonbip.backoff-initial-ms", "300");
        c.put("yonbip.backoff-max-ms", "600");
        try (YonBipConnector slow = new YonBipConnector()) {
            slow.start(c);
            mock.config().setRateLimitAs999(true);
            mock.config().setRateLimitPerMinute(1);
            slow.deduct(usage(newKey(), "1")); // uses this minute's one save and one audit
            String key = newKey();
            CompletableFuture<DeductionResult> pending = CompletableFuture.supplyAsync(() -> slow.deduct(usage(key,
                    "1")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ((Number) mock.state().get("rateLimited")).intValue() > 0);
            mock.clock().advance(Duration.ofMinutes(2)); // the gateway's minute window passes
            assertThat(pending.get(30, TimeUnit.SECONDS).isDone()).isTrue();
            assertThat(erp.documentsOfUsage(key)).hasSize(1);
        }
    }

    @Test
    void insufficientStockFailsTheUsageWithTheDocumentLeftVisible() {
        DeductionResult r = deduct(newKey(), "100000");
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.documentNumber()).isNotBlank();
        assertThat(r.reason()).contains(erp.erp().shortageMessage());
    }

    @Test
    void fiftyConcurrentUsagesOfOnePartLeaveStockExact() throws Exception {
        BigDecimal before = erp.stock(SKU, WH);
        assertThat(Deliveries.concurrently(started(), 50)).allMatch(DeductionResult::isDone);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
        assertThat(erp.outboundDocumentCount()).isEqualTo(50);
        assertThat(mock.tokenCalls()).as("one token for 50 concurrent callers").isEqualTo(1);
    }

    @Test
    void legacyTokenPathAndConfiguredGatewayWork() {
        Map<String, String> c = config();
        c.put("yonbip.token-path", "LEGACY");
        c.remove("yonbip.tenant-id");
        c.put("yonbip.gateway-url", mock.baseUrl() + "/iuap-api-gateway");
        c.put("yonbip.token-url", mock.baseUrl() + "/iuap-api-auth");
        try (YonBipConnector direct = new YonBipConnector()) {
            assertThat(direct.validate(c)).isEmpty();
            direct.start(c);
            assertThat(direct.stockLevel(StockQuery.of("SP-PSU-002", "WH02")).quantity())
                    .isEqualByComparingTo(erp.stock("SP-PSU-002", "WH02"));
        }
    }

    @Test
    void resubmitCheckKeyIsDeterministicAndAtMost32Characters() {
        YonBipConnector c = new YonBipConnector();
        String k = c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c31");
        assertThat(k).hasSize(32).matches("ah[0-9a-f]{30}")
                .isEqualTo(c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c31"))
                .isNotEqualTo(c.documentNumberFor("2f1c0e8a-6a4b-4d7e-9d6c-5b1f0e9a7c32"));
    }

    @Test
    void returnsAreRefusedBecauseTheSpecHasNoInboundApi() {
        long documentsBefore = erp.allDocuments().size();
        DeductionResult r = started().compensate(new ReturnRequest(usage("R1", "1"), "unused"));
        assertThat(r.isDone()).isFalse();
        assertThat(r.reason()).contains("no other-inbound", "R1");
        assertThat(erp.allDocuments()).hasSize((int) documentsBefore);
    }

    @Test
    void callStatusShowsTheTokenExpiryAndBudgetButNeverTheToken() {
        assertThat(new YonBipConnector().callStatus()).isEmpty();
        deduct(newKey(), "1");
        ApiCaller.Status status = started().callStatus().orElseThrow();
        assertThat(status.credentialExpiresAt()).isNotNull();
        assertThat(status.credentialRefreshes()).isEqualTo(1);
        assertThat(status.requestsPerSecond()).isEqualTo(1000);
    }
}
