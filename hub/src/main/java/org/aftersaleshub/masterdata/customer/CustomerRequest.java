package org.aftersaleshub.masterdata.customer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/v1/customers} and {@code PUT /api/v1/customers/{id}} (a full replace: an omitted optional
 * field is cleared). The rules are {@link CustomerRules}', the same for an import row.
 *
 * @param id              required on POST (客户编号), 1..64 printable characters; on PUT absent or the path's id
 * @param name            required, up to 200 characters
 * @param phone           optional; mobile, landline with area code, or E.164
 * @param region          optional, up to 64 characters
 * @param tier            optional: VIP, KEY, STANDARD (or 重点, 普通)
 * @param address         optional, up to 500 characters
 * @param crmId           optional, up to 64 characters, unique
 * @param erpCustomerCode optional, up to 64 characters
 * @param contacts        optional, at most 20
 * @param version         required on PUT (the version last read); refused on POST
 */
@Schema(description = "A customer to create, or the full new content of one (PUT).")
public record CustomerRequest(
        @Schema(example = "C-1001", maxLength = 64) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "上海某制冷设备有限公司", maxLength = 200) String name,
        @Schema(example = "021-12345678", maxLength = 32) String phone,
        @Schema(example = "华东", maxLength = 64) String region,
        @Schema(example = "VIP", allowableValues = {"VIP", "KEY", "STANDARD", "重点", "普通"}) String tier,
        @Schema(maxLength = 500) String address,
        @Schema(maxLength = 64) String crmId,
        @Schema(maxLength = 64) String erpCustomerCode,
        List<CustomerContact> contacts,
        @Schema(description = "Required on PUT (the version last read); not allowed on POST", minimum = "1")
        Long version) {
}
