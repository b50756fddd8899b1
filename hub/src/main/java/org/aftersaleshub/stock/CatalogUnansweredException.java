package org.aftersaleshub.stock;

import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.delivery.AttributedFailure;

/**
 * The ERP could not say whether it knows a usage's part or warehouse (its master-data query failed), so the
 * erp-stock route cannot tell whether the usage may be sent. Retryable: the shared error handler journals each
 * attempt under the instance and the usage's key and tries again with back-off, then dead-letters it.
 */
public class CatalogUnansweredException extends RuntimeException implements AttributedFailure {

    private final String instance;
    private final String idempotencyKey;

    public CatalogUnansweredException(String instance, String idempotencyKey, String sku, String warehouse,
                                      ConnectorException cause) {
        super(instance + " could not say whether it knows part '" + sku + "' and warehouse '" + warehouse
                + "' (主数据查询失败): " + cause.getMessage(), cause);
        this.instance = instance;
        this.idempotencyKey = idempotencyKey;
    }

    @Override
    public String deliveryTarget() {
        return instance;
    }

    @Override
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
