package org.aftersaleshub.masterdata.warehouse;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A warehouse (仓库).
 *
 * @param code          the hub's warehouse code (仓库编码), what part usages carry as warehouse
 * @param name          name
 * @param region        region
 * @param erpInstance   the ERP connector instance that books it (kingdee-sh)
 * @param erpCode       its code in that instance (CK001)
 * @param notifyChannel where its low-stock alerts go: DINGTALK or WECOM, null for nowhere
 * @param notifyRobot   the group robot (by the IM instance's robot name) that gets them
 * @param notifyUsers   or the IM user ids that get them
 * @param active        false once deactivated
 * @param createdAt     when the record was created
 * @param updatedAt     last change
 * @param version       increases with each change; send it back with PUT
 */
@Schema(description = "A warehouse (仓库) with the ERP instance that books it and its low-stock notification target.")
public record Warehouse(
        @Schema(example = "WH01") String code,
        @Schema(example = "上海中心仓") String name,
        @Schema(example = "华东") String region,
        @Schema(example = "kingdee-sh") String erpInstance,
        @Schema(example = "CK001") String erpCode,
        @Schema(allowableValues = {"DINGTALK", "WECOM"}) String notifyChannel,
        @Schema(example = "warehouse") String notifyRobot,
        List<String> notifyUsers,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    boolean sameContent(Warehouse o) {
        return Objects.equals(name, o.name) && Objects.equals(region, o.region)
                && Objects.equals(erpInstance, o.erpInstance) && Objects.equals(erpCode, o.erpCode)
                && Objects.equals(notifyChannel, o.notifyChannel) && Objects.equals(notifyRobot, o.notifyRobot)
                && Objects.equals(notifyUsers, o.notifyUsers) && active == o.active;
    }
}
