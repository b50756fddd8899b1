/**
 * Yonyou connectors: {@code u8} (U8 / U8+ OpenAPI, erp-apis.md §2) and {@code yonbip} (YonBIP / YonSuite OpenAPI,
 * §3), each a {@link org.aftersaleshub.connector.HubConnector} with one config declaration and a small Camel
 * component. Shared here: GET support next to the kit's POST-only transport ({@link YonyouHttp}) and the Camel
 * producer both components use ({@link StockProducer}).
 */
package org.aftersaleshub.connector.yonyou;
