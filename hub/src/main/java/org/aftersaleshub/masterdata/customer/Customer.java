package org.aftersaleshub.masterdata.customer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A customer (客户).
 *
 * @param id              the hub's customer id, what tickets carry as customerId (客户编号, e.g. C-1001)
 * @param name            name of the company or person
 * @param phone           main phone
 * @param region          service region (e.g. 华东), the same values as a ticket's region
 * @param tier            service tier, null when not set
 * @param address         address
 * @param crmId           the record's id in the CRM, unique when present
 * @param erpCustomerCode the customer's code in the ERP
 * @param contacts        contact people, in order
 * @param source          who created the record: api, import, crm
 * @param createdAt       when the record was created
 * @param updatedAt       last change
 * @param version         increases with each change; send it back with PUT
 */
@Schema(description = "A customer (客户) with its contacts and ids in other systems.")
public record Customer(
        @Schema(example = "C-1001") String id,
        @Schema(example = "上海某制冷设备有限公司") String name,
        @Schema(example = "021-12345678") String phone,
        @Schema(example = "华东") String region,
        CustomerTier tier,
        String address,
        @Schema(example = "64a1b2c3d4e5f60001") String crmId,
        @Schema(example = "CUST-0001") String erpCustomerCode,
        List<CustomerContact> contacts,
        @Schema(allowableValues = {"api", "import", "crm"}) String source,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** Same content (what a write would set), ignoring source, times and version. */
    boolean sameContent(Customer o) {
        return java.util.Objects.equals(name, o.name) && java.util.Objects.equals(phone, o.phone)
                && java.util.Objects.equals(region, o.region) && tier == o.tier
                && java.util.Objects.equals(address, o.address) && java.util.Objects.equals(crmId, o.crmId)
                && java.util.Objects.equals(erpCustomerCode, o.erpCustomerCode)
                && java.util.Objects.equals(contacts, o.contacts);
    }
}
