/**
 * Spare-part stock in the ERP: which connector instance books each warehouse ({@code hub.erp.*}); whether that ERP
 * knows a part and the warehouse before anything is sent to it ({@link org.aftersaleshub.stock.ErpCatalog}: the
 * instance's code mapping, else its master data, cached — unknown is a 404 on the API and a dead letter on the
 * route); the deduction steps the {@code erp-stock} route calls for every PartConsumed / PartReturned (serialised
 * per part and warehouse); and real-time stock over the API.
 */
package org.aftersaleshub.stock;
