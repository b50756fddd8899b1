package org.aftersaleshub.ticket;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Optional check before a part usage is accepted ({@code hub.erp.check-before-usage=true}): asks the stock source
 * whether the warehouse has enough of the part.
 */
public interface PartAvailability {

    /**
     * The available quantity when it is less than {@code wanted}; empty when there is enough, or when the stock
     * source cannot answer right now (the usage is then accepted and the ERP decides at deduction).
     */
    Optional<BigDecimal> shortfall(String partSku, String warehouse, BigDecimal wanted);
}
