package org.aftersaleshub.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.stock.CodeForm;
import org.aftersaleshub.connector.stock.StockCatalog;
import org.aftersaleshub.ticket.PartUsageChecks;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.stereotype.Component;

/**
 * The API side of {@link MasterDataBookings}: a warehouse the master data does not book in a started instance, and a
 * part without a row or a code in that instance, become the request's 404 ({@link StockProblems}) — for the stock API
 * and, as {@link PartUsageChecks}, for recording a part usage. No ERP is asked.
 */
@Component
public class StockChecks implements PartUsageChecks {

    /** The field names of a part-usage body ({@code POST /api/v1/tickets/{id}/part-usages}). */
    static final StockProblems USAGE = new StockProblems("partSku", "warehouse");

    private final ErpWarehouses warehouses;

    public StockChecks(ErpWarehouses warehouses) {
        this.warehouses = warehouses;
    }

    /**
     * The master data's complete booking of {@code sku} in {@code warehouse}.
     *
     * @throws ApiProblem 404 naming the warehouse (not in the table, inactive, or its instance not started) or the part
     *                    (no row, or no code in that instance), 400 naming a master-data code outside the form the
     *                    instance's ERP takes — with {@code problems}' field names
     */
    public MasterDataBookings.Booking requireBooked(String sku, String warehouse, StockProblems problems) {
        MasterDataBookings.Booking b = warehouses.booking(sku, warehouse)
                .orElseThrow(() -> problems.warehouseNotMapped(warehouse));
        if (!b.complete()) {
            throw problems.notInMasterData(b);
        }
        ConnectorInstances.Instance instance = warehouses.instanceFor(warehouse)
                .orElseThrow(() -> problems.warehouseNotMapped(warehouse));
        // a master-data code the ERP's API cannot take would only earn a refusal later: refuse it now, without a call
        Optional<CodeForm> form = instance.connector().as(StockCatalog.class).map(StockCatalog::codeForm);
        if (form.isPresent()) {
            List<FieldViolation> bad = new ArrayList<>();
            if (!form.get().accepts(b.partCode())) {
                bad.add(problems.outsideForm(problems.partField(), b.partCode(), form.get(), instance));
            }
            if (!form.get().accepts(b.warehouseCode())) {
                bad.add(problems.outsideForm(problems.warehouseField(), b.warehouseCode(), form.get(), instance));
            }
            if (!bad.isEmpty()) {
                throw ApiProblem.validation(bad).with("connectorInstance", instance.name());
            }
        }
        return b;
    }

    @Override
    public void check(String partSku, String warehouse) {
        if (!warehouses.any()) {
            return; // no started instance books stock in this deployment: the usage is recorded and booked nowhere
        }
        requireBooked(partSku, warehouse, USAGE);
    }
}
