package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Quantity;

/**
 * A part usage as the API shows it: the canonical fields plus its return, if any.
 *
 * @param returnedAt   when the part was returned, or absent
 * @param returnReason why, if given
 */
@Schema(name = "PartUsage")
public record PartUsageView(String id, String ticketId, String partSku, Quantity quantity, String warehouse,
                            List<String> serialNumbers, PartUsageState state, String erpDocumentNumber,
                            String failureReason, Instant recordedAt, Instant returnedAt, String returnReason) {

    PartUsage toPartUsage() {
        return new PartUsage(id, ticketId, partSku, quantity, warehouse, serialNumbers, state, erpDocumentNumber,
                failureReason, recordedAt);
    }
}
