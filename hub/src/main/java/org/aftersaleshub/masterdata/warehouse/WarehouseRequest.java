package org.aftersaleshub.masterdata.warehouse;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/v1/warehouses} and {@code PUT /api/v1/warehouses/{code}} (a full replace). Rules:
 * {@link WarehouseRules}, the same for an import row.
 *
 * @param code          required on POST, 1..32 printable characters; on PUT absent or the path's code
 * @param name          required, up to 200 characters
 * @param region        optional, up to 64 characters
 * @param erpInstance   required: an ERP connector instance of this hub (Kingdee, U8, YonBIP)
 * @param erpCode       required, 1..64 printable characters, not another warehouse's code in that instance
 * @param notifyChannel optional, DINGTALK or WECOM; then notifyRobot or notifyUsers is required
 * @param notifyRobot   optional robot name, up to 64 characters
 * @param notifyUsers   optional IM user ids, at most 50
 * @param active        optional, default true
 * @param version       required on PUT; refused on POST
 */
@Schema(description = "A warehouse to create, or the full new content of one (PUT).")
public record WarehouseRequest(
        @Schema(example = "WH01", maxLength = 32) String code,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "上海中心仓", maxLength = 200) String name,
        @Schema(example = "华东", maxLength = 64) String region,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "kingdee-sh", maxLength = 64)
        String erpInstance,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CK001", maxLength = 64) String erpCode,
        @Schema(allowableValues = {"DINGTALK", "WECOM"}) String notifyChannel,
        @Schema(example = "warehouse", maxLength = 64) String notifyRobot,
        List<String> notifyUsers,
        @Schema(defaultValue = "true") Boolean active,
        @Schema(description = "Required on PUT (the version last read); not allowed on POST", minimum = "1")
        Long version) {
}
