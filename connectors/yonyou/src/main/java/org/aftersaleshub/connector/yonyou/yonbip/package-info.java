/**
 * YonBIP / YonSuite OpenAPI (docs/vendor-apis/yonyou-yonbip.md):
 * {@link org.aftersaleshub.connector.yonyou.yonbip.YonBipConnector}
 * ({@code othoutrecord} save keyed by {@code resubmitCheckKey} + audit, current stock), its config declaration, the
 * {@code yonbip:} Camel component, and the protocol client (gateway discovery, signed token, answer classification)
 * in {@code connection}.
 */
package org.aftersaleshub.connector.yonyou.yonbip;
