/**
 * Spare-part stock in the ERP: which connector instance books each warehouse and both ERP codes, from the master data
 * alone ({@link org.aftersaleshub.stock.MasterDataBookings}: a warehouse or part it does not book is a 404 on the API
 * and a dead letter on the route, and no ERP is asked); the deduction steps the {@code erp-stock} route calls for
 * every PartConsumed / PartReturned (serialised per part and warehouse); and real-time stock over the API.
 */
package org.aftersaleshub.stock;
