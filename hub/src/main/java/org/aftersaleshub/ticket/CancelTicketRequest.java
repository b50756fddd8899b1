package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Optional body of {@code POST /api/v1/tickets/{id}/cancel}.
 *
 * @param reason optional, up to 1000 characters
 */
@Schema(description = "Why the ticket is cancelled.")
public record CancelTicketRequest(@Schema(example = "客户取消报修", maxLength = 1000) @Size(max = 1000) String reason) {
}
