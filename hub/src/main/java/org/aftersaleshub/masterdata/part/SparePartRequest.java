package org.aftersaleshub.masterdata.part;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/parts} and {@code PUT /api/v1/parts/{sku}} (a full replace). Rules:
 * {@link SparePartRules}, the same for an import row.
 *
 * @param sku         required on POST, 1..64 printable characters; on PUT absent or the path's SKU
 * @param name        required, up to 200 characters
 * @param spec        optional, up to 200 characters
 * @param unit        required, up to 16 characters
 * @param safetyStock optional, at least 0
 * @param active      optional, default true
 * @param erpCodes    optional: instance name → code, each instance an ERP connector instance of this hub, each code
 *                    1..64 printable characters and not another part's code in that instance
 * @param version     required on PUT; refused on POST
 */
@Schema(description = "A spare part to create, or the full new content of one (PUT).")
public record SparePartRequest(
        @Schema(example = "SP-COMP-001", maxLength = 64) String sku,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "压缩机", maxLength = 200) String name,
        @Schema(maxLength = 200) String spec,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "个", maxLength = 16) String unit,
        @Schema(minimum = "0") BigDecimal safetyStock,
        @Schema(defaultValue = "true") Boolean active,
        Map<String, String> erpCodes,
        @Schema(description = "Required on PUT (the version last read); not allowed on POST", minimum = "1")
        Long version) {
}
