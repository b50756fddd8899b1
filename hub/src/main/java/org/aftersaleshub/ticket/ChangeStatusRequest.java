package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.aftersaleshub.model.TicketStatus;

/**
 * Body of {@code POST /api/v1/tickets/{id}/status}.
 *
 * @param status required target status; must be an allowed target of the current status (ASSIGNED is reached
 *               through the assignment endpoint)
 * @param reason up to 1000 characters; for RESOLVED it is the resolution text; required for the reopen
 *               RESOLVED → IN_PROGRESS (why the fix did not hold)
 */
@Schema(description = "Move a ticket to another status along the state machine "
        + "NEW → ASSIGNED → ACCEPTED → IN_PROGRESS ⇄ WAITING_PARTS → RESOLVED → CLOSED; reopen (重新打开) RESOLVED → "
        + "IN_PROGRESS with a reason; CANCELLED from any open status.")
public record ChangeStatusRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ACCEPTED") @NotNull TicketStatus status,
        @Schema(example = "工程师已接单", maxLength = 1000) @Size(max = 1000) String reason) {
}
