package org.aftersaleshub.connector.yonyou.u8;

import static org.aftersaleshub.connector.yonyou.Deliveries.newKey;
import static org.aftersaleshub.connector.yonyou.Deliveries.usage;
import static org.aftersaleshub.connector.yonyou.Deliveries.withRedelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.Deliveries;
import org.aftersaleshub.connector.yonyou.u8.connection.U8Client;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.yonyou.U8Config;
import org.aftersaleshub.mock.yonyou.U8Mock;
import org.aftersaleshub.model.StockLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** U8 specifics beyond the conformance kit, asserted on the U8 mock's state (reset before each test). */
class U8ConnectorTest {

    static final String SKU = "SP-COMP-001";
    static final String WH = "WH01";

    static StartedMock erp;
    U8Mock mock;
    U8Connector connector;

    @BeforeAll
    static void startTheMock() {
        erp = new U8Fixture().start();
    }

    @AfterAll
    static void stopTheMock() {
        erp.close();
    }

    @BeforeEach
    void freshMock() {
        erp.mock().reset();
        mock = (U8Mock) erp.mock();
    }

    @AfterEach
    void stopTheConnector() {
        if (connector != null) {
            connector.stop();
        }
    }

    /** The fixture's keys with a 1.5 s timeout, three attempts per call and short back-offs and polls. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>(erp.connectorKeys(Duration.ofMillis(1500)));
        c.put("u8.max-attempts", "3");
        c.put("u8.backoff-initial-ms", "10");
        c.put("u8.backoff-max-ms", "50");
        c.put("u8.async-max-wait-ms", "20");
        return c;
    }

    U8Connector started() {
        return started(config());
    }

    U8Connector started(Map<String, String> config) {
        if (connector == null) {
            connector = new U8Connector();
            connector.start(config);
        }
        return connector;
    }

    DeductionResult deduct(String key) {
        return started().deduct(usage(key, "1"));
    }

    long vouchersOf(String key) {
        return erp.documentsOfUsage(key).size();
    }

    @Test
    void deductionLowersStockExactlyOnceUnderTimeoutAfterCommit() {
        BigDecimal before = erp.stock(SKU, WH);
        started();
        erp.commitNextWriteThenAnswerAfter(3_000);
        String key = newKey();
        assertThatThrownBy(() -> deduct(key)).isInstanceOf(ConnectorException.class)
                .extracting(e -> ((ConnectorException) e).outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(deduct(key).isDone()).isTrue(); // the redelivery: same biz_id, U8 answers with the original voucher
        assertThat(vouchersOf(key)).isEqualTo(1);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveHundredsAndResetsAreRedeliveredIntoOneVoucher() {
        BigDecimal before = erp.stock(SKU, WH);
        started();
        erp.commitNextWriteThenAnswer(500);
        erp.commitNextWriteThenResetTheConnection();
        String key = newKey();
        assertThat(withRedelivery(() -> deduct(key)).isDone()).isTrue();
        assertThat(vouchersOf(key)).isEqualTo(1);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void fiveOhThreeBeforeTheEffectIsRetriedWithinTheCall() {
        started();
        mock.faults().add(new FaultPlan.Rule(U8Client.OTHEROUT_ADD, FaultPlan.Kind.HTTP_ERROR,
                FaultPlan.Phase.BEFORE, 2, 1.0, 503, 0, 0));
        String key = newKey();
        assertThat(deduct(key).isDone()).isTrue();
        assertThat(vouchersOf(key)).isEqualTo(1);
    }

    @Test
    void sameUsageTwiceAnsweredWithADuplicateErrorStillCountsAsBooked() {
        mock.config().setDuplicatePolicy(U8Config.DuplicatePolicy.ERROR);
        mock.config().setErrorsAsHtml(true);
        String key = newKey();
        DeductionResult first = deduct(key);
        DeductionResult again = deduct(key);
        assertThat(again.isDone()).isTrue();
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.documentNumber()).isEqualTo(first.documentNumber());
        assertThat(vouchersOf(key)).isEqualTo(1);
    }

    @Test
    void asyncModeGetsTheVoucherWithTheMocksDefaultResultTiming() {
        // the default the official SDK relies on: the first read after ping_after is final
        started(with(config(), "u8.write-mode", "ASYNC"));
        String key = newKey();
        DeductionResult r = started().deduct(usage(key, "2"));
        assertThat(r.isDone()).isTrue();
        assertThat(r.documentNumber()).isEqualTo(mock.documentsByBizId(key).get(0).get("id"));
    }

    @Test
    void asyncModePollsAgainWhileTheResultIsStillProcessing() {
        mock.config().setAsyncPollsBeforeResult(2); // the opt-in slow result: two reads answer 处理中
        started(with(config(), "u8.write-mode", "ASYNC"));
        String key = newKey();
        DeductionResult r = started().deduct(usage(key, "2"));
        assertThat(r.isDone()).isTrue();
        assertThat(r.documentNumber()).isEqualTo(mock.documentsByBizId(key).get(0).get("id"));
        assertThat(vouchersOf(key)).isEqualTo(1);
    }

    @Test
    void asyncModeGivesUpAfterBoundedPollsAndTheRedeliveryFindsTheVoucher() {
        started(with(config(), "u8.write-mode", "ASYNC", "u8.async-max-polls", "2"));
        mock.config().setAsyncPollsBeforeResult(5);
        String key = newKey();
        assertThatThrownBy(() -> deduct(key)).isInstanceOf(ConnectorException.class)
                .extracting(e -> ((ConnectorException) e).outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        mock.config().setAsyncPollsBeforeResult(0);
        assertThat(deduct(key).isDone()).isTrue();
        assertThat(vouchersOf(key)).isEqualTo(1);
    }

    @Test
    void insufficientStockFailsTheUsageWithU8sMessage() {
        mock.config().setErrorsAsHtml(true); // text/html error bodies are still JSON
        DeductionResult r = started().deduct(usage(newKey(), "100000"));
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.reason()).contains("40002", erp.erp().shortageMessage());
    }

    @Test
    void fiftyConcurrentUsagesOfOnePartLeaveStockExact() throws Exception {
        BigDecimal before = erp.stock(SKU, WH);
        assertThat(Deliveries.concurrently(started(), 50)).allMatch(DeductionResult::isDone);
        assertThat(erp.stock(SKU, WH)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
        assertThat(mock.tokenCalls()).as("one token for 50 concurrent callers").isEqualTo(1);
        assertThat(started().stockLevel(StockQuery.of(SKU, WH)).quantity())
                .isEqualByComparingTo(before.subtract(BigDecimal.valueOf(50)));
    }

    @Test
    void stockQueryAnswersTheErpsCurrentStock() {
        StockLevel level = started().stockLevel(StockQuery.of("SP-PSU-002", "WH02"));
        assertThat(level.quantity()).isEqualByComparingTo(erp.stock("SP-PSU-002", "WH02"));
        assertThat(level.available()).isEqualByComparingTo(erp.stock("SP-PSU-002", "WH02"));
        assertThat(level.sourceSystem()).isEqualTo("u8");
        assertThat(started().stockLevel(new StockQuery("NEW", "9999999", WH)).quantity()).isZero();
    }

    @Test
    void stockQuerySurvivesAResetAndAnExpiredToken() {
        started().stockLevel(StockQuery.of(SKU, WH));
        erp.expireSessions();
        mock.faults().add(new FaultPlan.Rule(U8Client.CURRENT_STOCK, FaultPlan.Kind.CONNECTION_RESET,
                FaultPlan.Phase.BEFORE, 1, 1.0, 0, 0, 0));
        assertThat(started().stockLevel(StockQuery.of(SKU, WH)).quantity()).isEqualByComparingTo(erp.stock(SKU, WH));
        assertThat(mock.tokenCalls()).as("the expired token renewed once").isEqualTo(2);
    }

    @Test
    void returnsAreRefusedBecauseTheSpecHasNoInboundApi() {
        DeductionResult r = started().compensate(new ReturnRequest(usage("R1", "1"), "unused"));
        assertThat(r.isDone()).isFalse();
        assertThat(r.reason()).contains("no other-inbound", "R1");
        assertThat(mock.documentCount("otherin")).isZero();
    }

    @Test
    void callStatusShowsTheTokenExpiryAndBudgetButNeverTheToken() {
        U8Connector c = new U8Connector();
        assertThat(c.callStatus()).isEmpty();
        deduct(newKey());
        ApiCaller.Status status = started().callStatus().orElseThrow();
        assertThat(status.credentialExpiresAt()).isNotNull();
        assertThat(status.lastCredentialRefresh()).isNotNull();
        assertThat(status.credentialRefreshes()).isEqualTo(1);
        assertThat(status.requestsPerSecond()).isEqualTo(1000);
    }

    @Test
    void bizIdIsThePartUsageId() {
        assertThat(new U8Connector().documentNumberFor("PU-42")).isEqualTo("PU-42");
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> c = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }
}
