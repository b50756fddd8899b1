package org.aftersaleshub.connector.camel;

/**
 * Message headers a connector endpoint sets after a call, and the ones the hub sets before an ERP call; the same for
 * every connector type.
 */
public final class ConnectorHeaders {

    /** {@code DONE} or {@code FAILED} (refused for good, with {@link #REASON}). */
    public static final String OUTCOME = "HubConnectorOutcome";
    /** The external document's number when there is one (Kingdee FBillNo, U8 voucher id, YonBIP code). */
    public static final String DOCUMENT_NUMBER = "HubDocumentNumber";
    /** {@code true} when the effect was already there (a replay, a retry after a lost answer). */
    public static final String ALREADY_EXISTED = "HubAlreadyExisted";
    /** The external system's message when {@code FAILED}. */
    public static final String REASON = "HubReason";
    /** The connector instance that answered. */
    public static final String INSTANCE = "HubConnectorInstance";

    /**
     * In, set by the hub before an ERP stock call: the part's code in the called instance (from the hub's master data,
     * spare_part_erp_code). When present the connector uses it as is and consults no mapping of its own.
     */
    public static final String ERP_PART_CODE = "HubErpPartCode";
    /**
     * In, set by the hub before an ERP stock call: the warehouse's code in the called instance (from the hub's master
     * data, warehouse.erp_code). When present the connector uses it as is and consults no mapping of its own.
     */
    public static final String ERP_WAREHOUSE_CODE = "HubErpWarehouseCode";

    private ConnectorHeaders() {
    }
}
