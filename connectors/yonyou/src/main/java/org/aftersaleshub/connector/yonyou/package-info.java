/**
 * Yonyou connectors: {@code u8} (U8 / U8+ OpenAPI, erp-apis.md §2) and {@code yonbip} (YonBIP / YonSuite OpenAPI,
 * §3), each a {@link org.aftersaleshub.connector.HubConnector} with one config declaration and a small Camel
 * component. Shared here: GET support next to the kit's POST-only transport ({@link YonyouHttp}), token and
 * quantity handling ({@link YonyouSupport}), and the Camel base both components build on ({@link ConnectorComponent},
 * {@link ConnectorEndpoint}, {@link StockProducer}).
 */
package org.aftersaleshub.connector.yonyou;
