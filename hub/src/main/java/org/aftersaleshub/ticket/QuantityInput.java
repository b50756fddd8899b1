package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.aftersaleshub.model.Quantity;

/**
 * A quantity as sent by a client; validated here so a zero or negative value is a 400 naming
 * {@code quantity.value}, before the canonical {@link Quantity} is built.
 *
 * @param value required, greater than 0, at most 12 integer and 6 fraction digits
 * @param unit  required, 1..16 characters (个, 台, 米, pcs)
 */
@Schema(name = "Quantity", description = "An amount of a part in a unit.")
public record QuantityInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2", exclusiveMinimumValue = 0)
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 6) BigDecimal value,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "个", maxLength = 16)
        @NotBlank @Size(max = 16) String unit) {

    Quantity toQuantity() {
        return new Quantity(value, unit);
    }
}
