package org.aftersaleshub.model;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who reported the fault (报修人) when it is not the customer's main contact; the CRM match uses the phone.
 *
 * @param name  up to 64 characters
 * @param phone mainland mobile (13812345678), landline with area code (021-12345678) or E.164 (+8613812345678)
 */
public record ReporterRef(@Size(max = 64) String name,
                          @Size(max = 32) @Pattern(regexp = PHONE_FORM) String phone) {

    /** The phone forms the hub accepts everywhere (staff, customers, reporters). */
    public static final String PHONE_FORM =
            "^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?|\\+[1-9]\\d{6,14})$";
}
