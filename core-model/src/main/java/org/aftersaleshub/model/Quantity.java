package org.aftersaleshub.model;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of a part in a unit (e.g. 2 个, 0.5 米).
 *
 * @param value strictly greater than zero, at most 12 integer and 6 fraction digits (ERP precision)
 * @param unit  the unit of measure as the business names it (个, 台, 米, pcs); 1..16 characters
 */
public record Quantity(
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 6) BigDecimal value,
        @NotBlank @Size(max = 16) String unit) {

    public Quantity {
        Objects.requireNonNull(value, "quantity.value is required");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("quantity.value must be greater than 0, was " + value.toPlainString());
        }
    }

    public static Quantity of(String value, String unit) {
        return new Quantity(new BigDecimal(value), unit);
    }
}
