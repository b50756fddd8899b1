/**
 * The CRM connector SPI ({@link org.aftersaleshub.connector.crm.CrmConnector}), shaped after Salesforce's REST API
 * (upsert by an external-id field, per-record results of a batch) so that a second CRM is one more implementation,
 * and its Camel operations ({@link org.aftersaleshub.connector.crm.CrmOperations}). Nothing here names a vendor:
 * FXiaoKe (纷享销客), the first implementation, lives in {@code fxiaoke}.
 */
package org.aftersaleshub.connector.crm;
