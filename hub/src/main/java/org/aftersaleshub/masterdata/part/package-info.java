/**
 * Spare parts (备件) by SKU with their code in each ERP instance (spare_part_erp_code): REST API, repository and
 * import target. The erp-stock route and the stock API take a part's ERP code from here.
 */
package org.aftersaleshub.masterdata.part;
