package org.aftersaleshub.connector.stock;

import java.util.Objects;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.event.PartReturned;

/**
 * Put a used part back: books a compensating inbound document keyed by the part-usage id. Never deletes or
 * un-audits the outbound document.
 *
 * @param deduction what was deducted (same usage id, part, warehouse and quantity), never null
 * @param reason    why it came back (goes into the document note), may be null
 */
public record ReturnRequest(DeductionRequest deduction, String reason) {

    public ReturnRequest {
        Objects.requireNonNull(deduction, "deduction");
    }

    public static ReturnRequest of(PartUsage usage, String reason) {
        return new ReturnRequest(DeductionRequest.of(usage), reason);
    }

    public static ReturnRequest of(PartReturned event) {
        return of(event.usage(), event.reason());
    }
}
