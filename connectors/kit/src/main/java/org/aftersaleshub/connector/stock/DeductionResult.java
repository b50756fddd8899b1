package org.aftersaleshub.connector.stock;

import java.util.Objects;

/**
 * The final answer of a deduction or a return. Not final answers (the ERP was unreachable, the outcome could not
 * be reconciled yet) are {@link org.aftersaleshub.connector.ConnectorException}s that the caller retries with the
 * same usage id.
 *
 * @param usageId        the part-usage id it is about
 * @param status         DONE or FAILED
 * @param documentNumber the ERP document number (Kingdee FBillNo) when DONE, or of a document left behind when
 *                       FAILED after it was saved; may be null
 * @param alreadyExisted DONE because the document was already there (a replay, or a retry after a lost answer)
 * @param reason         the ERP's message when FAILED (for example the negative-stock text), else null
 */
public record DeductionResult(String usageId, Status status, String documentNumber, boolean alreadyExisted,
                              String reason) {

    public enum Status {
        /** The ERP holds exactly one audited document for the usage. */
        DONE,
        /** The ERP refused it for good (not enough stock, unknown material); retrying will not help. */
        FAILED
    }

    public DeductionResult {
        Objects.requireNonNull(usageId, "usageId");
        Objects.requireNonNull(status, "status");
    }

    public static DeductionResult done(String usageId, String documentNumber, boolean alreadyExisted) {
        return new DeductionResult(usageId, Status.DONE, documentNumber, alreadyExisted, null);
    }

    public static DeductionResult failed(String usageId, String documentNumber, String reason) {
        return new DeductionResult(usageId, Status.FAILED, documentNumber, false, reason);
    }

    public boolean isDone() {
        return status == Status.DONE;
    }
}
