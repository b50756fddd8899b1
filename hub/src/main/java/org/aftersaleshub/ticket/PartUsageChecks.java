package org.aftersaleshub.ticket;

/**
 * Checks a new part usage's part and warehouse against the ERP that will book it, before anything is stored or any
 * event is written, so a typo is refused at the API instead of reaching the ERP.
 */
public interface PartUsageChecks {

    /**
     * Returns when the usage may be recorded: no ERP books stock at all (nothing to check against), or the ERP that
     * books the warehouse knows the part and the warehouse.
     *
     * @throws org.aftersaleshub.web.ApiProblem 400 naming the field whose code the ERP cannot take; 404 naming the
     *         unknown part or warehouse, or a warehouse no ERP books; 502/503 when the ERP could not say
     */
    void check(String partSku, String warehouse);
}
