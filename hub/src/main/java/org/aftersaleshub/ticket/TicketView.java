package org.aftersaleshub.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.aftersaleshub.model.Ticket;

/**
 * A ticket as the API answers it: the ticket's own fields, plus what the master data says about it today and its
 * labels.
 *
 * @param ticket     the ticket (its fields appear at the top level)
 * @param inWarranty whether the ticket's device is in warranty today (Asia/Shanghai): null when the ticket has no
 *                   device serial, the serial is not a device of the master data, or its warranty end is unknown
 * @param labels     the ticket's labels (标签, e.g. 紧急预警 put by an escalation rule), oldest first; empty when none
 */
@Schema(description = "A service ticket (报修工单) with the warranty state (在保) of its device and its labels (标签).")
public record TicketView(@JsonUnwrapped Ticket ticket,
                         // an explicit null: "unknown" is an answer here, unlike an absent optional field
                         @JsonInclude(JsonInclude.Include.ALWAYS)
                         @Schema(description = "device in warranty today; null when unknown") Boolean inWarranty,
                         @JsonInclude(JsonInclude.Include.ALWAYS)
                         @ArraySchema(schema = @Schema(maxLength = 32, example = "紧急预警"), arraySchema = @Schema(
                                 description = "the ticket's labels (标签), oldest first; empty when none"))
                         List<String> labels) {

    public TicketView {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
