package org.aftersaleshub.masterdata.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A device (设备) by serial number.
 *
 * @param serial       serial number (序列号), the key
 * @param model        model (型号)
 * @param productLine  product line (产品线)
 * @param customerId   the customer it belongs to
 * @param purchaseDate purchase date, may be unknown
 * @param warrantyEnd  last day of the warranty, may be unknown
 * @param inWarranty   today (Asia/Shanghai) on or before warrantyEnd; null when warrantyEnd is unknown
 * @param createdAt    when the record was created
 * @param updatedAt    last change
 * @param version      increases with each change; send it back with PUT
 */
@Schema(description = "A device (设备) with its customer and warranty.")
public record Device(
        @Schema(example = "SN000001") String serial,
        @Schema(example = "AC-9") String model,
        @Schema(example = "商用空调") String productLine,
        @Schema(example = "C-1001") String customerId,
        LocalDate purchaseDate,
        LocalDate warrantyEnd,
        @Schema(description = "in warranty today (Asia/Shanghai); null when the warranty end is unknown")
        Boolean inWarranty,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    boolean sameContent(Device o) {
        return java.util.Objects.equals(model, o.model) && java.util.Objects.equals(productLine, o.productLine)
                && java.util.Objects.equals(customerId, o.customerId)
                && java.util.Objects.equals(purchaseDate, o.purchaseDate)
                && java.util.Objects.equals(warrantyEnd, o.warrantyEnd);
    }

    Device withWarranty(Boolean in) {
        return new Device(serial, model, productLine, customerId, purchaseDate, warrantyEnd, in, createdAt, updatedAt,
                version);
    }
}
