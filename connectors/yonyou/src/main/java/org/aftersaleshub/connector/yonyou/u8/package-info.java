/**
 * Yonyou U8 / U8+ OpenAPI (erp-apis.md §2): {@link org.aftersaleshub.connector.yonyou.u8.U8Connector} (token,
 * {@code otherout/add} keyed by {@code biz_id}, sync or async with polling, {@code currentstock/batch_get}),
 * its config declaration and the {@code u8:} Camel component.
 */
package org.aftersaleshub.connector.yonyou.u8;
