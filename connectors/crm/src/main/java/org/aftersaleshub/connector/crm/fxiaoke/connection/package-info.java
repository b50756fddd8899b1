/**
 * FXiaoKe's protocol: the two token generations, the always-200 {@code errorCode} envelope, the per-API budget
 * ({@link org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeClient}) and query paging
 * ({@link org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeQueries}). Facts: docs/vendor-apis/fxiaoke.md.
 */
package org.aftersaleshub.connector.crm.fxiaoke.connection;
