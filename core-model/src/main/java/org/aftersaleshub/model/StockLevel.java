package org.aftersaleshub.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Stock of a part in a warehouse as one system reported it.
 *
 * @param partSku      the hub's part code
 * @param warehouse    warehouse code
 * @param quantity     on hand (may be negative where the ERP allows it)
 * @param available    on hand minus reservations
 * @param asOf         when the source system answered
 * @param sourceSystem which system answered ({@code kingdee}, {@code u8}, {@code yonbip})
 */
public record StockLevel(@NotBlank String partSku, @NotBlank String warehouse, @NotNull BigDecimal quantity,
                         @NotNull BigDecimal available, @NotNull Instant asOf, @NotBlank String sourceSystem) {
}
