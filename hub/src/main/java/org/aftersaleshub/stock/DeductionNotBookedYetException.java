package org.aftersaleshub.stock;

/**
 * A part return reached the ERP route while the usage's own deduction is not booked yet (still retrying, or a dead
 * letter waiting for replay). Retryable: the shared error handler tries again with back-off and finally dead-letters
 * the return, to be replayed after the deduction.
 */
public class DeductionNotBookedYetException extends RuntimeException {

    public DeductionNotBookedYetException(String usageId) {
        super("the return of part usage " + usageId + " waits for its deduction, which the ERP has not booked yet "
                + "(扣减未完成，退料等待); replay the deduction's dead letter first if there is one");
    }
}
