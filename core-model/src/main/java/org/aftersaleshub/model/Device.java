package org.aftersaleshub.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A device installed at a customer.
 *
 * @param warrantyEnd last day of warranty, inclusive; null when unknown
 */
public record Device(@NotBlank @Size(max = 64) String serial, @NotBlank @Size(max = 64) String model,
                     @Size(max = 64) String customerId, LocalDate purchaseDate, LocalDate warrantyEnd) {
}
