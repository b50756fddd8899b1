/**
 * Yonyou connectors: {@code u8} (U8 / U8+ OpenAPI, docs/vendor-apis/yonyou-u8.md) and {@code yonbip} (YonBIP / YonSuite
 * OpenAPI, docs/vendor-apis/yonyou-yonbip.md). Each is a {@link org.aftersaleshub.connector.HubConnector} holding the
 * business logic (documents, keys, stock), a {@code connection} package with its protocol client (built on the kit's
 * {@link org.aftersaleshub.connector.call.ApiCaller}), one config declaration, and a one-line Camel component on the
 * kit's {@link org.aftersaleshub.connector.camel.HubConnectorComponent}.
 */
package org.aftersaleshub.connector.yonyou;
