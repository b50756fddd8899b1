/**
 * Yonyou U8 / U8+ OpenAPI (docs/vendor-apis/yonyou-u8.md): {@link org.aftersaleshub.connector.yonyou.u8.U8Connector}
 * ({@code otherout/add} keyed by {@code biz_id}, sync or async, {@code currentstock/batch_get}), its config
 * declaration, the {@code u8:} Camel component, and the protocol client in {@code connection}.
 */
package org.aftersaleshub.connector.yonyou.u8;
