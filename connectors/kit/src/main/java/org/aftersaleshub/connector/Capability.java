package org.aftersaleshub.connector;

/**
 * What a connector can do for the hub. Routes and start-up checks ask for a capability, never for a connector
 * class; a connector declares the set it implements in {@link HubConnector#capabilities()}.
 */
public enum Capability {
    /** Books outbound documents for part usages and compensating inbound documents for returns. */
    STOCK_DEDUCTION,
    /** Answers "how many of part P are in warehouse W" from the external system, in real time. */
    STOCK_QUERY,
    /**
     * Says whether the ERP knows a part or a warehouse (the instance's code mapping, else the ERP's master data) and
     * which codes its filters take, before anything else is sent
     * ({@link org.aftersaleshub.connector.stock.StockCatalog}).
     */
    STOCK_CATALOG,
    /** Reads or writes customer records (CRM). */
    CUSTOMER_SYNC,
    /** Sends messages to people (IM work notices, robots). */
    NOTIFICATION
}
