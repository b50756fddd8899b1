/**
 * FXiaoKe (纷享销客), the first {@link org.aftersaleshub.connector.crm.CrmConnector}: configuration, connector and Camel
 * component here, the protocol (tokens, envelope, paging) in {@code connection}. Facts: docs/vendor-apis/fxiaoke.md.
 */
package org.aftersaleshub.connector.crm.fxiaoke;
