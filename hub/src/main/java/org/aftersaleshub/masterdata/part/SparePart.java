package org.aftersaleshub.masterdata.part;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A spare part (备件).
 *
 * @param sku         the hub's SKU (备件编码), the key tickets' part usages carry
 * @param name        name
 * @param spec        specification (规格)
 * @param unit        unit of measure (单位), e.g. 个
 * @param safetyStock safety stock (安全库存) in the unit; null when none
 * @param active      false once deactivated
 * @param erpCodes    the part's code in each ERP connector instance, by instance name, sorted
 * @param createdAt   when the record was created
 * @param updatedAt   last change
 * @param version     increases with each change; send it back with PUT
 */
@Schema(description = "A spare part (备件) with its code in each ERP instance.")
public record SparePart(
        @Schema(example = "SP-COMP-001") String sku,
        @Schema(example = "压缩机") String name,
        @Schema(example = "5HP") String spec,
        @Schema(example = "个") String unit,
        @Schema(example = "5") BigDecimal safetyStock,
        boolean active,
        @Schema(example = "{\"kingdee-sh\": \"1.01.0001\"}") Map<String, String> erpCodes,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    boolean sameContent(SparePart o) {
        return Objects.equals(name, o.name) && Objects.equals(spec, o.spec) && Objects.equals(unit, o.unit)
                && (safetyStock == null ? o.safetyStock == null
                : o.safetyStock != null && safetyStock.compareTo(o.safetyStock) == 0)
                && active == o.active && Objects.equals(erpCodes, o.erpCodes);
    }
}
