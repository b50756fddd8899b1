package org.aftersaleshub.model.event;

/**
 * The ERP refused a part usage for good (for example not enough stock); the usage is FAILED with the ERP's
 * message. Notification routes use it to alert the warehouse and the engineer.
 *
 * @param reason the ERP's own message, unchanged
 */
public record PartDeductionFailed(String ticketId, String partUsageId, String partSku, String warehouse,
                                  String reason) implements HubEvent {
}
