package org.aftersaleshub.masterdata.customer;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A contact person (联系人) of a customer.
 *
 * @param name  required, up to 64 characters
 * @param phone optional, the staff directory's phone form
 * @param title optional job title, up to 64 characters
 */
@Schema(description = "A contact person (联系人) of a customer.")
public record CustomerContact(@Schema(example = "李四") String name, @Schema(example = "13912345678") String phone,
                              @Schema(example = "设备科长") String title) {
}
