package org.aftersaleshub.connector.stock;

/**
 * Capability {@link org.aftersaleshub.connector.Capability#STOCK_CATALOG}: whether the ERP knows a part or a
 * warehouse, asked before a stock read or a deduction is sent, so a typo is "unknown part" rather than "stock 0" or a
 * document the ERP refuses. Every ERP connector answers it the same way (the conformance kit checks it):
 * <ol>
 *   <li>the code the instance would send (its mapping of the hub code, else the hub code itself) must fit
 *       {@link #codeForm()}; a code that does not is an {@link org.aftersaleshub.connector.InvalidInputException}
 *       naming the field, thrown before any call;</li>
 *   <li>a code the instance's mapping names is known, without a call (the mapping is the deployment's word);</li>
 *   <li>otherwise the ERP's own master-data query (Kingdee BD_MATERIAL / BD_STOCK, U8 inventory / warehouse, YonBIP
 *       product / warehouse) decides: found → known, not found → unknown.</li>
 * </ol>
 * Answers are not cached here: the caller (the hub) caches them, knowing how long a "no" may stand. An ERP that does
 * not answer is a {@link org.aftersaleshub.connector.ConnectorException} (retryable when a retry can help), never
 * "unknown".
 */
public interface StockCatalog {

    /** The codes this ERP's API takes where the connector puts a part or warehouse code. Constant. */
    CodeForm codeForm();

    /** The running instance's code mappings and form check, which the lookups below go through. */
    CatalogCodes catalogCodes();

    /**
     * The ERP code of a part as this instance would send it, checked against {@link #codeForm()}. No call.
     *
     * @throws org.aftersaleshub.connector.InvalidInputException (field {@code part}) when it does not fit
     */
    default String partCode(String sku) {
        return catalogCodes().partCode(sku);
    }

    /**
     * The ERP code of a warehouse as this instance would send it, checked against {@link #codeForm()}. No call.
     *
     * @throws org.aftersaleshub.connector.InvalidInputException (field {@code warehouse}) when it does not fit
     */
    default String warehouseCode(String warehouse) {
        return catalogCodes().warehouseCode(warehouse);
    }

    /**
     * Whether the ERP knows the part: mapped (no call), else its material query.
     *
     * @throws org.aftersaleshub.connector.InvalidInputException before any call, when the code does not fit
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP could not answer
     */
    CatalogEntry partKnown(String sku);

    /**
     * Whether the ERP knows the warehouse: mapped (no call), else its warehouse query.
     *
     * @throws org.aftersaleshub.connector.InvalidInputException before any call, when the code does not fit
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP could not answer
     */
    CatalogEntry warehouseKnown(String warehouse);
}
