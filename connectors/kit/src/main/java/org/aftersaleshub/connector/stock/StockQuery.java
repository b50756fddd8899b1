package org.aftersaleshub.connector.stock;

import java.util.Objects;

/**
 * "How many of this part are in this warehouse?"
 *
 * @param partSku     the hub's part code, never null
 * @param erpPartCode the ERP material code when known, else null (mapped by the connector)
 * @param warehouse   the hub's warehouse code, never null
 */
public record StockQuery(String partSku, String erpPartCode, String warehouse) {

    public StockQuery {
        Objects.requireNonNull(partSku, "partSku");
        Objects.requireNonNull(warehouse, "warehouse");
    }

    public static StockQuery of(String partSku, String warehouse) {
        return new StockQuery(partSku, null, warehouse);
    }
}
