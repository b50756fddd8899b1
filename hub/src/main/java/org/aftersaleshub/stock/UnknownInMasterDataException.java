package org.aftersaleshub.stock;

import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.delivery.AttributedFailure;
import org.aftersaleshub.delivery.PermanentFailure;

/**
 * A part usage (or return) reached the erp-stock route for a warehouse of the master data, but its part is not a
 * spare part there or has no code in the instance that books the warehouse. Nothing is sent to the ERP; the message
 * is dead-lettered at once, journaled under the instance and the usage's key. Add the part or its ERP code (REST or
 * import), then replay.
 */
public class UnknownInMasterDataException extends RuntimeException implements PermanentFailure, AttributedFailure {

    private final String instance;
    private final String idempotencyKey;

    public UnknownInMasterDataException(MasterDataBookings.Booking b, String idempotencyKey) {
        super((b.partKnown() ? "part '" + InvalidInputException.printable(b.sku()) + "' has no code in " + b.instance()
                + ", which books warehouse '" + b.warehouse() + "' (备件未配置ERP编码)"
                : "part '" + InvalidInputException.printable(b.sku()) + "' is not a spare part of the hub's master data "
                + "(备件不存在)") + "; add it (POST /api/v1/parts or an import), then replay this dead letter", null,
                false, false);
        this.instance = b.instance();
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
