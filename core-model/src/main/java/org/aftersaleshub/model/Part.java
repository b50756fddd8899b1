package org.aftersaleshub.model;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A spare part (备件) in the hub's catalogue.
 *
 * @param sku          the hub's part code, 1..64 characters
 * @param name         display name
 * @param spec         specification / model text (规格型号)
 * @param unit         base unit of measure
 * @param erpCodes     the part's material code per ERP system, keyed by system name ({@code kingdee},
 *                     {@code u8}, {@code yonbip})
 * @param safetyStock  below this available quantity a StockLow alert is raised; zero or more
 */
public record Part(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 255) String name,
                   @Size(max = 255) String spec, @NotBlank @Size(max = 16) String unit,
                   Map<String, String> erpCodes, @DecimalMin("0") BigDecimal safetyStock) {

    public Part {
        erpCodes = erpCodes == null ? Map.of() : Map.copyOf(erpCodes);
    }
}
