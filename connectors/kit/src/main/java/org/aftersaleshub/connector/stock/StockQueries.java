package org.aftersaleshub.connector.stock;

import org.aftersaleshub.model.StockLevel;

/**
 * Capability {@link org.aftersaleshub.connector.Capability#STOCK_QUERY}: real-time stock from the ERP.
 * Reads may be retried freely; a lost session is renewed and the read repeated once.
 */
public interface StockQueries {

    /**
     * The ERP's current stock. A part the ERP knows but has never stocked in the warehouse answers zero.
     * {@link StockLevel#asOf()} is when the ERP answered and {@link StockLevel#sourceSystem()} the connector name.
     *
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP could not answer
     */
    StockLevel stockLevel(StockQuery query);
}
