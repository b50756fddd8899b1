package org.aftersaleshub.connector.camel;

/** Message headers a connector endpoint sets after a call; the same for every connector type. */
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

    private ConnectorHeaders() {
    }
}
