/**
 * Master data (主数据) a ticket needs: customers with contacts, devices with warranty, spare parts with their code
 * in each ERP instance, warehouses with the ERP instance that books them. One package per entity, each with its
 * REST API, its repository (plain JDBC over the V12 tables) and its {@link org.aftersaleshub.imports.ImportTarget};
 * the REST API and the import check a record with the same rules ({@link org.aftersaleshub.masterdata.Violation}).
 */
package org.aftersaleshub.masterdata;
