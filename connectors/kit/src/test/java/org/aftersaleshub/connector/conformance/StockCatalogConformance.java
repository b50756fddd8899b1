package org.aftersaleshub.connector.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockCatalog;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The {@link StockCatalog} checks every ERP connector passes (part of {@link StockConnectorConformanceTest}, which
 * implements this test interface): a part or warehouse the instance's mapping names is known without a call; one
 * the mapping does not name is known exactly when the ERP's master data holds it, at the cost of one master-data
 * query and no stock read or write; a code outside the ERP's form is an {@link InvalidInputException} naming the
 * field, before any request reaches the ERP, also for stock reads and deductions; an ERP that does not answer is a
 * retryable failure, never "unknown".
 */
public interface StockCatalogConformance {

    /** A part code the demo master data has under no name (so the ERP answers "not found"). */
    String ABSENT_PART = "NO-SUCH-PART-42";
    /** A warehouse code the demo master data does not have. */
    String ABSENT_WAREHOUSE = "NOWH9";

    /** The started connector under test. */
    HubConnector catalogConnector();

    /** Its ERP's running mock. */
    StockConnectorFixture.StartedMock erpMock();

    private StockCatalog catalog() {
        HubConnector c = catalogConnector();
        assertThat(c.capabilities()).as("capabilities of %s", c.name()).contains(Capability.STOCK_CATALOG);
        return c.as(StockCatalog.class).orElseThrow(() -> new AssertionError(c.name() + " declares STOCK_CATALOG "
                + "but does not implement StockCatalog"));
    }

    @Test
    default void aMappedPartOrWarehouseIsKnownWithoutACall() {
        StockCatalog catalog = catalog();
        StockConnectorFixture erp = erpMock().erp();
        String sku = StockConnectorFixture.demoSkus().get(0);
        String warehouse = StockConnectorFixture.demoWarehouses().get(0);
        long before = erpMock().requestCount();

        CatalogEntry part = catalog.partKnown(sku);
        CatalogEntry wh = catalog.warehouseKnown(warehouse);

        assertThat(part).isEqualTo(new CatalogEntry(CatalogEntry.Kind.PART, sku, erp.partCode(sku), true,
                CatalogEntry.Source.MAPPING));
        assertThat(wh).isEqualTo(new CatalogEntry(CatalogEntry.Kind.WAREHOUSE, warehouse,
                erp.warehouseCode(warehouse), true, CatalogEntry.Source.MAPPING));
        assertThat(catalog.partCode(sku)).isEqualTo(erp.partCode(sku));
        assertThat(catalog.warehouseCode(warehouse)).isEqualTo(erp.warehouseCode(warehouse));
        assertThat(erpMock().requestsSince(before)).as("requests that reached %s", erp).isEmpty();
    }

    @Test
    default void anUnmappedPartOrWarehouseIsKnownWhenTheErpsMasterDataHoldsIt() {
        StockCatalog catalog = catalog();
        StockConnectorFixture erp = erpMock().erp();
        // the ERP's own codes of demo entries: in its master data, named by no mapping of the instance
        String part = erp.partCode(StockConnectorFixture.demoSkus().get(1));
        String warehouse = erp.warehouseCode(StockConnectorFixture.demoWarehouses().get(1));
        long before = erpMock().requestCount();
        long queries = erpMock().masterDataQueries();

        assertThat(catalog.partKnown(part)).isEqualTo(new CatalogEntry(CatalogEntry.Kind.PART, part, part, true,
                CatalogEntry.Source.MASTER_DATA));
        assertThat(erpMock().masterDataQueries() - queries).as("material queries among %s",
                erpMock().requestsSince(before)).isEqualTo(1);
        assertThat(catalog.warehouseKnown(warehouse)).isEqualTo(new CatalogEntry(CatalogEntry.Kind.WAREHOUSE,
                warehouse, warehouse, true, CatalogEntry.Source.MASTER_DATA));
        assertThat(erpMock().masterDataQueries() - queries).as("material and warehouse queries among %s",
                erpMock().requestsSince(before)).isEqualTo(2);
        assertThat(erpMock().stockOrDocumentRequestsSince(before)).as("stock reads or writes").isEmpty();
    }

    @Test
    default void aPartOrWarehouseTheErpDoesNotHoldIsUnknown() {
        StockCatalog catalog = catalog();
        long before = erpMock().requestCount();
        long queries = erpMock().masterDataQueries();

        assertThat(catalog.partKnown(ABSENT_PART)).isEqualTo(new CatalogEntry(CatalogEntry.Kind.PART, ABSENT_PART,
                ABSENT_PART, false, CatalogEntry.Source.MASTER_DATA));
        assertThat(catalog.warehouseKnown(ABSENT_WAREHOUSE)).isEqualTo(new CatalogEntry(CatalogEntry.Kind.WAREHOUSE,
                ABSENT_WAREHOUSE, ABSENT_WAREHOUSE, false, CatalogEntry.Source.MASTER_DATA));
        assertThat(erpMock().masterDataQueries() - queries).as("master-data queries among %s",
                erpMock().requestsSince(before)).isEqualTo(2);
        assertThat(erpMock().stockOrDocumentRequestsSince(before)).as("stock reads or writes").isEmpty();
    }

    @Test
    default void aCodeOutsideTheErpsFormIsInvalidInputNamingTheFieldBeforeAnyCall() {
        StockCatalog catalog = catalog();
        HubConnector connector = catalogConnector();
        String unsafe = StockConnectorFixture.UNSAFE_CODE;
        String sku = StockConnectorFixture.demoSkus().get(0);
        String warehouse = StockConnectorFixture.demoWarehouses().get(0);
        StockQueries stock = connector.as(StockQueries.class).orElseThrow();
        long before = erpMock().requestCount();

        assertInvalid("part", () -> catalog.partKnown(unsafe));
        assertInvalid("part", () -> catalog.partCode(unsafe));
        assertInvalid("part", () -> stock.stockLevel(StockQuery.of(unsafe, warehouse)));
        assertInvalid("warehouse", () -> catalog.warehouseKnown(unsafe));
        assertInvalid("warehouse", () -> catalog.warehouseCode(unsafe));
        assertInvalid("warehouse", () -> stock.stockLevel(StockQuery.of(sku, unsafe)));
        // a deduction answers for good (the usage fails with the reason), as for any refusal
        DeductionResult r = connector.as(StockDeductions.class).orElseThrow().deduct(new DeductionRequest(
                "CT-UNSAFE-1", "TK-1", unsafe, null, warehouse, new Quantity(BigDecimal.ONE, "PCS")));
        assertThat(r.isDone()).isFalse();
        assertThat(r.reason()).contains("part").doesNotContain("\n");

        assertThat(erpMock().requestsSince(before)).as("requests that reached %s", erpMock().erp()).isEmpty();
    }

    private static void assertInvalid(String field, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.value()).isEqualTo(StockConnectorFixture.UNSAFE_CODE);
            assertThat(e.rule()).startsWith("pattern:");
            assertThat(e.isRetryable()).as("retrying cannot fix the input").isFalse();
            assertThat(e.getMessage()).startsWith(e.system() + ": " + field + " ").doesNotContain("\n");
        });
    }

    @Test
    default void aMasterDataQueryTheErpCannotAnswerIsARetryableFailureNotUnknown() {
        StockCatalog catalog = catalog();
        erpMock().failEveryCall(503);
        try {
            for (Executable lookUp : List.<Executable>of(() -> catalog.partKnown(ABSENT_PART),
                    () -> catalog.warehouseKnown(ABSENT_WAREHOUSE))) {
                assertThatThrownBy(lookUp::execute).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e).isNotInstanceOf(InvalidInputException.class);
                    assertThat(e.isRetryable()).as("a 503 can pass: %s", e.getMessage()).isTrue();
                });
            }
        } finally {
            erpMock().clearFaults();
        }
    }
}
