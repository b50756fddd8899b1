package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Optional body of {@code POST /api/v1/tickets/{id}/part-usages/{usageId}/return} (退料).
 *
 * @param reason optional, up to 1000 characters
 */
@Schema(description = "A used part came back (e.g. not needed after all).")
public record ReturnPartRequest(@Schema(example = "未使用, 退回仓库", maxLength = 1000) @Size(max = 1000) String reason) {
}
