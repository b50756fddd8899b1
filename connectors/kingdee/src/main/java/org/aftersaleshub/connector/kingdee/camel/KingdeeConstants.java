package org.aftersaleshub.connector.kingdee.camel;

import org.apache.camel.spi.Metadata;

/** Message headers of the {@code kingdee:} component. */
public final class KingdeeConstants {

    @Metadata(label = "producer", description = "kingdee:stock: the hub part SKU to query (when the body is not a "
            + "StockQuery).", javaType = "String")
    public static final String PART_SKU = "KingdeePartSku";
    @Metadata(label = "producer", description = "kingdee:stock: the hub warehouse code to query.", javaType = "String")
    public static final String WAREHOUSE = "KingdeeWarehouse";
    @Metadata(label = "producer", description = "Set after deduct/return: the FBillNo of the document.",
            javaType = "String")
    public static final String DOCUMENT_NUMBER = "KingdeeDocumentNumber";
    @Metadata(label = "producer", description = "Set after deduct/return: DONE or FAILED.", javaType = "String")
    public static final String RESULT_STATUS = "KingdeeResultStatus";

    private KingdeeConstants() {
    }
}
