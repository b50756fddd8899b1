package org.aftersaleshub.masterdata.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * Body of {@code POST /api/v1/devices} and {@code PUT /api/v1/devices/{serial}} (a full replace). The rules are
 * {@link DeviceRules}', the same for an import row.
 *
 * @param serial       required on POST, 1..64 printable characters; on PUT absent or the path's serial
 * @param model        required, up to 64 characters
 * @param productLine  optional, up to 64 characters
 * @param customerId   required, an existing customer
 * @param purchaseDate optional, yyyy-MM-dd
 * @param warrantyEnd  optional, yyyy-MM-dd, not before purchaseDate
 * @param version      required on PUT; refused on POST
 */
@Schema(description = "A device to create, or the full new content of one (PUT).")
public record DeviceRequest(
        @Schema(example = "SN000001", maxLength = 64) String serial,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "AC-9", maxLength = 64) String model,
        @Schema(example = "商用空调", maxLength = 64) String productLine,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "C-1001", maxLength = 64) String customerId,
        @Schema(example = "2025-03-01") LocalDate purchaseDate,
        @Schema(example = "2028-02-29") LocalDate warrantyEnd,
        @Schema(description = "Required on PUT (the version last read); not allowed on POST", minimum = "1")
        Long version) {
}
