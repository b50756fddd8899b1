package org.aftersaleshub.connector.kingdee;

import static org.aftersaleshub.connector.kingdee.KingdeeFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.kingdee.KingdeeConfig;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan.Kind;
import org.aftersaleshub.mock.support.FaultPlan.Phase;
import org.aftersaleshub.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly one STK_MisDelivery per part usage, and exact stock, asserted on the mock's state under the failures of
 * issue 5. Demo stock of 1.01.0001 in CK001 is 58.
 */
class KingdeeExactlyOnceTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    private KingdeeMock mock;
    private KingdeeConnector connector;
    private BigDecimal initial;

    @BeforeEach
    void start() {
        mock = mocks.get(KingdeeMock.class);
        initial = mock.stock(MATERIAL, STOCK);
        connector = started(config(mock, "SIGNATURE"));
    }

    private KingdeeConnector started(Map<String, String> config) {
        KingdeeConnector c = new KingdeeConnector();
        c.start(config);
        return c;
    }

    @AfterEach
    void stop() {
        connector.stop();
    }

    private void assertOneAuditedDocumentAndStockDownBy(String usageId, String qty) {
        String billNo = connector.documentNumberFor(usageId);
        assertThat(outbound(mock, billNo)).singleElement()
                .satisfies(d -> assertThat(d.get("documentStatus")).isEqualTo("C"));
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial.subtract(new BigDecimal(qty)));
    }

    @Test
    void deductsOnceWithSaveSubmitAuditAsSeparateCalls() {
        DeductionResult r = connector.deduct(usage("U-1001", "2"));
        assertThat(r.isDone()).isTrue();
        assertThat(r.documentNumber()).isEqualTo("AH-U-1001");
        assertThat(r.alreadyExisted()).isFalse();
        assertThat(mock.callCount("Save")).isEqualTo(1);
        assertThat(mock.callCount("Submit")).isEqualTo(1);
        assertThat(mock.callCount("Audit")).isEqualTo(1);
        assertOneAuditedDocumentAndStockDownBy("U-1001", "2");
    }

    @Test
    void theSameUsageTwiceMakesOneDocument() {
        connector.deduct(usage("U-1002", "1"));
        DeductionResult again = connector.deduct(usage("U-1002", "1"));
        assertThat(again.isDone()).isTrue();
        assertThat(again.alreadyExisted()).isTrue();
        assertOneAuditedDocumentAndStockDownBy("U-1002", "1");
    }

    @Test
    void timeoutAfterSaveCommittedIsReconciledByQueryNotBySavingAgain() {
        commitThenAnswerLate(mock, "Save", 2500);
        DeductionResult r = connector.deduct(usage("U-1003", "3"));
        assertThat(r.isDone()).isTrue();
        assertThat(mock.callCount("Save")).as("no second Save after the lost answer").isEqualTo(1);
        assertThat(mock.callCount("ExecuteBillQuery")).isPositive();
        assertOneAuditedDocumentAndStockDownBy("U-1003", "3");
    }

    @Test
    void timeoutAfterAuditCommittedEndsWithOneAuditedDocument() {
        commitThenAnswerLate(mock, "Audit", 2500);
        assertThat(connector.deduct(usage("U-1004", "1")).isDone()).isTrue();
        assertThat(mock.callCount("Audit")).isEqualTo(1);
        assertOneAuditedDocumentAndStockDownBy("U-1004", "1");
    }

    @Test
    void serverErrorsBeforeTheWriteAreRetried() {
        fault(mock, "Save", Kind.HTTP_ERROR, Phase.BEFORE, 1, 500);
        fault(mock, "Submit", Kind.HTTP_ERROR, Phase.BEFORE, 1, 503);
        assertThat(connector.deduct(usage("U-1005", "1")).isDone()).isTrue();
        assertOneAuditedDocumentAndStockDownBy("U-1005", "1");
    }

    @Test
    void connectionResetAfterCommitAndBeforeSendAreBothSafe() {
        fault(mock, "Save", Kind.CONNECTION_RESET, Phase.AFTER, 1, 0);
        fault(mock, "Audit", Kind.CONNECTION_RESET, Phase.BEFORE, 1, 0);
        assertThat(connector.deduct(usage("U-1006", "2")).isDone()).isTrue();
        assertThat(mock.callCount("Save")).isEqualTo(1);
        assertOneAuditedDocumentAndStockDownBy("U-1006", "2");
    }

    @Test
    void partialSaveWithoutAuditIsCompletedOnTheNextDeliveryEvenAfterSessionExpiry() {
        fault(mock, "Audit", Kind.HTTP_ERROR, Phase.BEFORE, 4, 503); // every attempt of the call
        assertThatThrownBy(() -> connector.deduct(usage("U-1007", "1")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetryable()).isTrue());
        String billNo = connector.documentNumberFor("U-1007");
        assertThat(mock.documentStatus("STK_MisDelivery", billNo)).contains("B");
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial);

        mock.config().setReissueStaleSidWithSignature(false);
        mock.expireAllSessions();
        DeductionResult r = connector.deduct(usage("U-1007", "1")); // the broker redelivers
        assertThat(r.isDone()).isTrue();
        assertThat(r.alreadyExisted()).isTrue();
        assertThat(mock.callCount("Save")).isEqualTo(1);
        assertOneAuditedDocumentAndStockDownBy("U-1007", "1");
    }

    @Test
    void aRetryableFailureIsRetriedByTheCallLoopOnlyNotAgainByTheWriter() {
        fault(mock, "Audit", Kind.HTTP_ERROR, Phase.BEFORE, 10, 503);
        assertThatThrownBy(() -> connector.deduct(usage("U-1015", "1")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThat(faultsLeft()).as("Audit sent max-attempts (4) times, not 4 x 4").isEqualTo(6);
        assertThat(mock.callCount("Save")).isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeStartsARoundWithTheQueryAndRoundsAreBoundedByMaxAttempts() {
        fault(mock, "Audit", Kind.HTTP_ERROR, Phase.BEFORE, 10, 502);
        assertThatThrownBy(() -> connector.deduct(usage("U-1016", "1")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN));
        assertThat(faultsLeft()).as("one Audit per round, max-attempts (4) rounds").isEqualTo(6);
        assertThat(mock.callCount("Save")).isEqualTo(1);
        assertThat(mock.callCount("ExecuteBillQuery")).as("every round queries the FBillNo first")
                .isGreaterThanOrEqualTo(4);
        mock.faults().clear();
        assertThat(connector.deduct(usage("U-1016", "1")).alreadyExisted()).isTrue();
        assertOneAuditedDocumentAndStockDownBy("U-1016", "1");
    }

    private int faultsLeft() {
        return mock.faults().describe().stream().mapToInt(r -> ((Number) r.get("remaining")).intValue()).sum();
    }

    @Test
    void sessionLostOnSaveInLoginModeReLogsInAndQueriesBeforeWriting() {
        connector.stop();
        connector = started(config(mock, "VALIDATE_USER"));
        connector.deduct(usage("U-1008", "1"));
        mock.expireAllSessions();
        assertThat(connector.deduct(usage("U-1009", "1")).isDone()).isTrue();
        assertThat(mock.loginCount()).isEqualTo(2);
        assertThat(outbound(mock, connector.documentNumberFor("U-1009"))).hasSize(1);
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial.subtract(BigDecimal.valueOf(2)));
    }

    @Test
    void negativeStockFailsWithTheErpMessageAndIsNotRetried() {
        mock.setStock(MATERIAL, STOCK, new BigDecimal("1"));
        DeductionResult r = connector.deduct(usage("U-1010", "5"));
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.reason()).contains("库存");
        assertThat(mock.callCount("Audit")).isEqualTo(1);
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo("1");

        mock.config().setNegativeStock(KingdeeConfig.NegativeStockPolicy.HARD);
        DeductionResult hard = connector.deduct(usage("U-1011", "5"));
        assertThat(hard.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(hard.reason()).contains("负库存");
    }

    @Test
    void unknownMaterialFailsWithoutRetry() {
        DeductionResult r = connector.deduct(new DeductionRequest("U-1012", "TK-1", "SP-NOPE", "9.99.9999",
                WAREHOUSE, Quantity.of("1", "个")));
        assertThat(r.status()).isEqualTo(DeductionResult.Status.FAILED);
        assertThat(r.reason()).contains("9.99.9999");
        assertThat(mock.callCount("Save")).isEqualTo(1);
    }

    @Test
    void autoAuditModeReQueriesTheStatusAndFinishesAfterALostAnswer() {
        connector.stop();
        connector = started(with(config(mock, "SIGNATURE"), "kingdee.write-mode", "AUTO_AUDIT"));
        assertThat(connector.deduct(usage("U-1013", "1")).isDone()).isTrue();
        assertThat(mock.callCount("Submit")).isZero();
        commitThenAnswerLate(mock, "Save", 2500);
        assertThat(connector.deduct(usage("U-1014", "1")).isDone()).isTrue();
        assertThat(outbound(mock, connector.documentNumberFor("U-1014"))).singleElement()
                .satisfies(d -> assertThat(d.get("documentStatus")).isEqualTo("C"));
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial.subtract(BigDecimal.valueOf(2)));
    }

    @Test
    void fiftyConcurrentDeductionsOfOnePartFromEightThreadsLeaveExactStockAndOneLogin() throws Exception {
        connector.stop();
        connector = started(config(mock, "LOGIN_BY_SIGN"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<DeductionResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String id = "U-C" + i;
                results.add(pool.submit(() -> connector.deduct(usage(id, "1"))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(Future::isDone));
            for (Future<DeductionResult> f : results) {
                assertThat(f.get().isDone()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mock.documentCount("STK_MisDelivery")).isEqualTo(50);
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial.subtract(BigDecimal.valueOf(50)));
        assertThat(mock.loginCount()).as("single-flight: 8 threads, one login").isEqualTo(1);
    }

    @Test
    void theSameUsageRacedFromEightThreadsStillMakesOneDocument() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<DeductionResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> connector.deduct(usage("U-RACE", "1"))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(Future::isDone));
            for (Future<DeductionResult> f : results) {
                assertThat(f.get().isDone()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertOneAuditedDocumentAndStockDownBy("U-RACE", "1");
    }
}
