package org.aftersaleshub.stock;

import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.ticket.PartUsageChecks;
import org.aftersaleshub.web.ApiProblem;
import org.springframework.stereotype.Component;

/**
 * The API side of {@link ErpCatalog}: a part and a warehouse the ERP cannot take or does not know become the
 * request's 400 or 404 ({@link StockProblems}), an ERP that cannot say its 502/503 — for the stock API and, as
 * {@link PartUsageChecks}, for recording a part usage.
 */
@Component
public class StockChecks implements PartUsageChecks {

    /** The field names of a part-usage body ({@code POST /api/v1/tickets/{id}/part-usages}). */
    static final StockProblems USAGE = new StockProblems("partSku", "warehouse");

    private final ErpWarehouses warehouses;
    private final ErpCatalog catalog;

    public StockChecks(ErpWarehouses warehouses, ErpCatalog catalog) {
        this.warehouses = warehouses;
        this.catalog = catalog;
    }

    /**
     * Returns when {@code instance} knows both codes.
     *
     * @throws ApiProblem 400, 404, or 502/503 named with {@code problems}' field names
     */
    public void require(ConnectorInstances.Instance instance, String sku, String warehouse, StockProblems problems) {
        ErpCatalog.Verdict verdict;
        try {
            verdict = catalog.check(instance, sku, warehouse);
        } catch (InvalidInputException e) {
            verdict = new ErpCatalog.Verdict(List.of(e), List.of());
        } catch (ConnectorException e) {
            throw problems.erpFailed(e, "whether it knows part '" + InvalidInputException.printable(sku)
                    + "' and warehouse '" + InvalidInputException.printable(warehouse) + "'");
        }
        ApiProblem problem = problems.of(verdict, instance);
        if (problem != null) {
            throw problem;
        }
    }

    /**
     * Returns when the master data books {@code sku} in {@code warehouse} completely, or does not name the warehouse
     * (then the deprecated properties and the ERP's catalog decide); else the 404 naming the part. No ERP is asked.
     */
    public Optional<MasterDataBookings.Booking> requireBooked(String sku, String warehouse, StockProblems problems) {
        Optional<MasterDataBookings.Booking> b = warehouses.booking(sku, warehouse);
        if (b.isPresent() && !b.get().complete()) {
            throw problems.notInMasterData(b.get());
        }
        if (b.isPresent() && warehouses.instanceFor(warehouse).isEmpty()) {
            throw problems.warehouseNotMapped(warehouse);
        }
        return b;
    }

    @Override
    public void check(String partSku, String warehouse) {
        if (requireBooked(partSku, warehouse, USAGE).isPresent()) {
            return;
        }
        if (!warehouses.any()) {
            return; // no ERP books stock in this deployment: there is nothing to check against
        }
        ConnectorInstances.Instance instance = warehouses.instanceFor(warehouse)
                .orElseThrow(() -> USAGE.warehouseNotMapped(warehouse));
        require(instance, partSku, warehouse, USAGE);
    }
}
