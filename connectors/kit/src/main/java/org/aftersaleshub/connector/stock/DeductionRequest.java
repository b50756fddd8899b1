package org.aftersaleshub.connector.stock;

import java.util.Objects;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.Quantity;

/**
 * Take {@code quantity} of a part out of a warehouse because it was used on a ticket.
 *
 * @param usageId      the part-usage id: the idempotency key (same id → one outbound document), never null
 * @param ticketId     the ticket, written into the document's note for people reading the ERP; never null
 * @param partSku      the hub's part code, never null
 * @param erpPartCode  the part's material code in this ERP when the caller knows it (from {@code Part.erpCodes}),
 *                     else null and the connector maps {@code partSku} with its configured table
 * @param warehouse    the hub's warehouse code, never null
 * @param quantity     how much, never null
 * @param erpWarehouseCode the warehouse's code in this ERP when the caller knows it (the hub's warehouse table),
 *                     else null and the connector maps {@code warehouse} with its configured table
 */
public record DeductionRequest(String usageId, String ticketId, String partSku, String erpPartCode, String warehouse,
                               Quantity quantity, String erpWarehouseCode) {

    /** Without a known ERP warehouse code. */
    public DeductionRequest(String usageId, String ticketId, String partSku, String erpPartCode, String warehouse,
                            Quantity quantity) {
        this(usageId, ticketId, partSku, erpPartCode, warehouse, quantity, null);
    }

    /** The same request with the ERP codes the caller knows (null leaves a code to the connector's mapping). */
    public DeductionRequest withErpCodes(String partCode, String warehouseCode) {
        return new DeductionRequest(usageId, ticketId, partSku, partCode != null ? partCode : erpPartCode, warehouse,
                quantity, warehouseCode != null ? warehouseCode : erpWarehouseCode);
    }

    public DeductionRequest {
        Objects.requireNonNull(usageId, "usageId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(partSku, "partSku");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(quantity, "quantity");
    }

    public static DeductionRequest of(PartUsage usage) {
        return new DeductionRequest(usage.id(), usage.ticketId(), usage.partSku(), null, usage.warehouse(),
                usage.quantity());
    }
}
