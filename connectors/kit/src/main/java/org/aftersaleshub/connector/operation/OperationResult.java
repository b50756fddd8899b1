package org.aftersaleshub.connector.operation;

/**
 * The final answer of an {@link Operation}, the same shape for every connector. The Camel producer puts
 * {@link #body()} in the message body and the rest in the result headers ({@code HubConnectorOutcome},
 * {@code HubDocumentNumber}, {@code HubAlreadyExisted}, {@code HubReason}); the delivery contract journals
 * {@link Status#DONE} as SUCCESS and {@link Status#FAILED} as REFUSED, with {@link #summary()} as the detail.
 *
 * @param body           what the operation produced (a DeductionResult, a StockLevel), never null
 * @param status         DONE or FAILED (refused for good; a retry will not help)
 * @param documentNumber the document the external system holds for the request, when there is one
 * @param alreadyExisted DONE because the effect was already there (a replay, a retry after a lost answer)
 * @param reason         the system's message when FAILED, else null
 * @param summary        one line for the journal ("outbound document AH0001 (already booked)")
 */
public record OperationResult(Object body, Status status, String documentNumber, boolean alreadyExisted,
                              String reason, String summary) {

    public enum Status { DONE, FAILED }

    public boolean isDone() {
        return status == Status.DONE;
    }
}
