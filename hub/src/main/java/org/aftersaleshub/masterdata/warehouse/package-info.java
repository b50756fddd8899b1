/**
 * Warehouses (仓库): the ERP instance that books each and its code there, and who hears its low-stock alerts. REST
 * API, repository and import target; the one source the erp-stock route and the stock API resolve a warehouse from.
 */
package org.aftersaleshub.masterdata.warehouse;
