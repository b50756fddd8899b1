/**
 * Spare-part stock in the ERP: the configured ERP connector (Kingdee, U8, YonBIP — {@code hub.erp.connector}),
 * started and validated at start-up; the deduction step the {@code erp-stock} route calls for every
 * PartConsumed / PartReturned (serialised per part and warehouse); and real-time stock over the API.
 */
package org.aftersaleshub.stock;
