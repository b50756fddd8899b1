package org.aftersaleshub.connector.stock;

/**
 * Capability {@link org.aftersaleshub.connector.Capability#STOCK_DEDUCTION}: book spare-part usage in the ERP.
 *
 * <p>Both methods are idempotent per usage id: any number of calls with the same id — concurrent or after
 * failures, in this process or after a restart — leave exactly one document in the ERP. A call either returns the
 * final {@link DeductionResult} or throws a retryable {@link org.aftersaleshub.connector.ConnectorException}; it
 * never writes again blindly after an unknown outcome (it looks the document up by its key first).
 */
public interface StockDeductions {

    /** Books one outbound document for the usage (or finds the one already booked). */
    DeductionResult deduct(DeductionRequest request);

    /**
     * Books one compensating inbound document for a returned usage (or finds it). The outbound document is left as
     * it is: no delete, no un-audit.
     */
    DeductionResult compensate(ReturnRequest request);

    /** The ERP document number the connector uses for this usage's outbound document (deterministic). */
    String documentNumberFor(String usageId);
}
