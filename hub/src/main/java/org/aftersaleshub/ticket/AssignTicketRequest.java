package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/tickets/{id}/assignment} (派工).
 *
 * @param assigneeId required, 1..64 characters; the staff id of the engineer
 */
@Schema(description = "Assign (or reassign) an engineer. Allowed while the ticket is NEW or ASSIGNED.")
public record AssignTicketRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "E-2001", maxLength = 64)
        @NotBlank @Size(max = 64) String assigneeId) {
}
