package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.aftersaleshub.model.Priority;

/**
 * Body of {@code POST /api/v1/tickets/{id}/priority}.
 *
 * @param priority required, the new priority
 * @param reason   optional, up to 1000 characters
 */
@Schema(description = "Change the priority (优先级) of an open ticket; the SLA deadlines are recomputed.")
public record ChangePriorityRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "URGENT") @NotNull Priority priority,
        @Schema(example = "客户生产线停机", maxLength = 1000) @Size(max = 1000) String reason) {
}
