package org.aftersaleshub.connector.stock;

import java.util.Objects;

/**
 * "How many of this part are in this warehouse?"
 *
 * @param partSku     the hub's part code, never null
 * @param erpPartCode the ERP material code when known, else null (mapped by the connector)
 * @param warehouse   the hub's warehouse code, never null
 * @param erpWarehouseCode the ERP warehouse code when known, else null (mapped by the connector)
 */
public record StockQuery(String partSku, String erpPartCode, String warehouse, String erpWarehouseCode) {

    /** Without a known ERP warehouse code. */
    public StockQuery(String partSku, String erpPartCode, String warehouse) {
        this(partSku, erpPartCode, warehouse, null);
    }

    /** The same query with the ERP codes the caller knows (null leaves a code to the connector's mapping). */
    public StockQuery withErpCodes(String partCode, String warehouseCode) {
        return new StockQuery(partSku, partCode != null ? partCode : erpPartCode, warehouse,
                warehouseCode != null ? warehouseCode : erpWarehouseCode);
    }

    public StockQuery {
        Objects.requireNonNull(partSku, "partSku");
        Objects.requireNonNull(warehouse, "warehouse");
    }

    public static StockQuery of(String partSku, String warehouse) {
        return new StockQuery(partSku, null, warehouse);
    }
}
