package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/v1/tickets/{id}/part-usages} (备件领用).
 *
 * @param id            required, 1..64 characters of {@code [A-Za-z0-9._:-]}; chosen by the client and the
 *                      idempotency key of the ERP deduction: sending the same id with the same content again returns
 *                      the recorded usage, with different content it is refused (409)
 * @param partSku       required, 1..64 characters
 * @param quantity      required; value greater than 0
 * @param warehouse     required, 1..32 characters; warehouse code the part is taken from
 * @param serialNumbers optional, at most 100, each 1..64 characters
 */
@Schema(description = "A spare part used on the ticket; the ERP stock is deducted exactly once per id.")
public record RecordPartUsageRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "PU-20240501-0001", maxLength = 64)
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CMP-220V-01", maxLength = 64)
        @NotBlank @Size(max = 64) String partSku,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid QuantityInput quantity,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "WH-SH-01", maxLength = 32)
        @NotBlank @Size(max = 32) String warehouse,
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> serialNumbers) {

    public RecordPartUsageRequest {
        serialNumbers = serialNumbers == null ? List.of() : serialNumbers;
    }
}
