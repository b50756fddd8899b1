package org.aftersaleshub.connector.kingdee;

import static org.aftersaleshub.connector.kingdee.KingdeeFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan.Kind;
import org.aftersaleshub.mock.support.FaultPlan.Phase;
import org.aftersaleshub.model.StockLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Returns as compensating inbound documents, real-time stock, material and warehouse reads. */
class KingdeeStockAndReturnTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    private KingdeeMock mock;
    private KingdeeConnector connector;

    @BeforeEach
    void start() {
        mock = mocks.get(KingdeeMock.class);
        connector = new KingdeeConnector();
        connector.start(config(mock, "SIGNATURE"));
    }

    @AfterEach
    void stop() {
        connector.stop();
    }

    @Test
    void aReturnBooksOneCompensatingInboundDocumentAndNeverTouchesTheOutbound() {
        BigDecimal initial = mock.stock(MATERIAL, STOCK);
        connector.deduct(usage("U-2001", "2"));
        ReturnRequest back = new ReturnRequest(usage("U-2001", "2"), "客户拒收");
        fault(mock, "Save", Kind.CONNECTION_RESET, Phase.AFTER, 1, 0);
        DeductionResult r = connector.compensate(back);
        DeductionResult again = connector.compensate(back);

        assertThat(r.isDone()).isTrue();
        assertThat(r.documentNumber()).isEqualTo("AHR-U-2001");
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(documents(mock, INBOUND_FORM, "AHR-U-2001")).singleElement()
                .satisfies(d -> assertThat(d.get("documentStatus")).isEqualTo("C"));
        assertThat(outbound(mock, "AH-U-2001")).singleElement()
                .satisfies(d -> assertThat(d.get("documentStatus")).as("outbound stays audited").isEqualTo("C"));
        assertThat(mock.callCount("UnAudit")).isZero();
        assertThat(mock.callCount("Delete")).isZero();
        assertThat(mock.stock(MATERIAL, STOCK)).isEqualByComparingTo(initial);
    }

    @Test
    void stockQueryAnswersFromTheErpWithSourceAndTime() {
        StockLevel before = connector.stockLevel(StockQuery.of(PART, WAREHOUSE));
        assertThat(before.quantity()).isEqualByComparingTo(mock.stock(MATERIAL, STOCK));
        assertThat(before.available()).isEqualByComparingTo(before.quantity());
        assertThat(before.sourceSystem()).isEqualTo("kingdee");
        assertThat(before.asOf()).isNotNull();
        assertThat(before.partSku()).isEqualTo(PART);

        connector.deduct(usage("U-2002", "3"));
        assertThat(connector.stockLevel(StockQuery.of(PART, WAREHOUSE)).quantity())
                .isEqualByComparingTo(before.quantity().subtract(new BigDecimal(3)));
    }

    @Test
    void stockOfAPartNeverStockedInTheWarehouseIsZero() {
        assertThat(connector.stockLevel(new StockQuery("SP-X", "1.01.0001", "WH-EMPTY")).quantity()).isZero();
    }

    @Test
    void stockQueryRenewsALostSessionAndRetriesTheRead() {
        connector.stockLevel(StockQuery.of(PART, WAREHOUSE));
        mock.config().setReissueStaleSidWithSignature(false);
        mock.expireAllSessions();
        fault(mock, "ExecuteBillQuery", Kind.HTTP_ERROR, Phase.BEFORE, 1, 503);
        assertThat(connector.stockLevel(StockQuery.of(PART, WAREHOUSE)).quantity()).isPositive();
        assertThat(connector.sessionRefreshes()).isEqualTo(2);
    }

    @Test
    void callStatusShowsTheSessionLifetimeAndTheRateBudget() {
        assertThat(new KingdeeConnector().callStatus()).as("not started").isEmpty();
        connector.stockLevel(StockQuery.of(PART, WAREHOUSE));
        assertThat(connector.callStatus()).hasValueSatisfying(s -> {
            assertThat(s.credentialRefreshes()).isEqualTo(1);
            assertThat(s.lastCredentialRefresh()).isNotNull();
            assertThat(s.credentialExpiresAt()).isAfter(s.lastCredentialRefresh());
            assertThat(s.requestsPerSecond()).isEqualTo(1000);
        });
    }

    @Test
    void readsMaterialsAndWarehouses() {
        assertThat(connector.material(MATERIAL)).hasValueSatisfying(m -> {
            assertThat(m.name()).isEqualTo("压缩机");
            assertThat(m.forbidden()).isFalse();
        });
        assertThat(connector.material("9.99.9999")).isEmpty();
        assertThat(connector.warehouses(100)).extracting(KingdeeWarehouse::number).contains("CK001", "CK002", "CK003");
        assertThat(connector.warehouse("CK002")).hasValueSatisfying(w -> assertThat(w.name()).isEqualTo("广州备件库"));
    }
}
