package org.aftersaleshub.sla;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/tickets/{id}/labels}: one label, 1..32 characters (e.g. 紧急预警). */
@Schema(description = "A label (标签) to put on the ticket.")
public record LabelRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "紧急预警", maxLength = 32)
        @NotBlank @Size(max = 32) String label) {
}
