package org.aftersaleshub.model;

/**
 * Where a part usage stands with the ERP: PENDING until the ERP confirms the outbound document, DEDUCTED once it
 * did (the document number is then known), FAILED when the ERP refused it for good (e.g. not enough stock),
 * REVERSED after a return produced the compensating inbound document.
 */
public enum PartUsageState {
    PENDING, DEDUCTED, FAILED, REVERSED
}
