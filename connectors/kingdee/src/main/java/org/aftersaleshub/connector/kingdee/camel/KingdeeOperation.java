package org.aftersaleshub.connector.kingdee.camel;

import java.util.Locale;

/** What a {@code kingdee:} endpoint does; the URI path ({@code kingdee:deduct}). */
public enum KingdeeOperation {
    /** Body: PartConsumed, PartUsage or DeductionRequest → DeductionResult (one STK_MisDelivery per usage). */
    DEDUCT,
    /** Body: PartReturned or ReturnRequest → DeductionResult (one compensating STK_Miscellaneous per usage). */
    RETURN,
    /** Body: StockQuery, or headers KingdeePartSku + KingdeeWarehouse → StockLevel. */
    STOCK;

    static KingdeeOperation parse(String path) {
        String p = path == null ? "" : path.trim().toUpperCase(Locale.ROOT);
        for (KingdeeOperation op : values()) {
            if (op.name().equals(p)) {
                return op;
            }
        }
        throw new IllegalArgumentException("kingdee:" + path + " is not a Kingdee operation; use kingdee:deduct, "
                + "kingdee:return or kingdee:stock");
    }
}
