package org.aftersaleshub.connector.yonyou;

/** What a {@code u8:} / {@code yonbip:} endpoint does with the message body. */
public enum StockOperation {
    /** Body {@link org.aftersaleshub.connector.stock.DeductionRequest} (or a PartUsage) → DeductionResult. */
    deduct,
    /** Body {@link org.aftersaleshub.connector.stock.ReturnRequest} → DeductionResult. */
    compensate,
    /** Body {@link org.aftersaleshub.connector.stock.StockQuery} → StockLevel. */
    stock
}
