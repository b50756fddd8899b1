package org.aftersaleshub.stock;

import org.aftersaleshub.delivery.AttributedFailure;

/**
 * A part return reached the ERP route while the usage's own deduction is not booked yet (still retrying, or a dead
 * letter waiting for replay). Retryable: the shared error handler tries again with back-off and finally dead-letters
 * the return, to be replayed after the deduction.
 */
public class DeductionNotBookedYetException extends RuntimeException implements AttributedFailure {

    private final String instance;
    private final String returnKey;

    /**
     * @param usageId  the returned usage
     * @param instance the connector instance the return goes to (its journal rows and dead letter name it)
     */
    public DeductionNotBookedYetException(String usageId, String instance) {
        super("the return of part usage " + usageId + " waits for its deduction, which the ERP has not booked yet "
                + "(扣减未完成，退料等待); replay the deduction's dead letter first if there is one");
        this.instance = instance;
        this.returnKey = usageId + ":return";
    }

    @Override
    public String deliveryTarget() {
        return instance;
    }

    @Override
    public String idempotencyKey() {
        return returnKey;
    }
}
