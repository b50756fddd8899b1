package org.aftersaleshub.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A spare part used on a ticket (备件领用). Exactly one ERP outbound document results from it.
 *
 * @param id                  client-supplied, and the idempotency key of the ERP effect: the same id is never
 *                            deducted twice; 1..64 characters of {@code [A-Za-z0-9._:-]}
 * @param ticketId            the ticket it was used on
 * @param partSku             the hub's part SKU
 * @param quantity            how much, strictly positive
 * @param warehouse           warehouse code the part is taken from
 * @param serialNumbers       serial numbers of serialised parts, at most 100
 * @param state               see {@link PartUsageState}
 * @param erpDocumentNumber   the ERP's document number once known (e.g. the Kingdee FBillNo)
 * @param failureReason       the ERP's message when FAILED
 * @param recordedAt          when the hub accepted it
 */
public record PartUsage(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String id,
        @NotBlank String ticketId,
        @NotBlank @Size(max = 64) String partSku,
        @NotNull @Valid Quantity quantity,
        @NotBlank @Size(max = 32) String warehouse,
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> serialNumbers,
        @NotNull PartUsageState state,
        @Size(max = 64) String erpDocumentNumber,
        @Size(max = 1000) String failureReason,
        Instant recordedAt) {

    public PartUsage {
        serialNumbers = serialNumbers == null ? List.of() : List.copyOf(serialNumbers);
    }
}
