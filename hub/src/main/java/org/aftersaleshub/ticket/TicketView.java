package org.aftersaleshub.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.aftersaleshub.model.Ticket;

/**
 * A ticket as the API answers it: the ticket's own fields, plus what the master data says about it today.
 *
 * @param ticket     the ticket (its fields appear at the top level)
 * @param inWarranty whether the ticket's device is in warranty today (Asia/Shanghai): null when the ticket has no
 *                   device serial, the serial is not a device of the master data, or its warranty end is unknown
 */
@Schema(description = "A service ticket (报修工单) with the warranty state (在保) of its device.")
public record TicketView(@JsonUnwrapped Ticket ticket,
                         // an explicit null: "unknown" is an answer here, unlike an absent optional field
                         @JsonInclude(JsonInclude.Include.ALWAYS)
                         @Schema(description = "device in warranty today; null when unknown") Boolean inWarranty) {
}
