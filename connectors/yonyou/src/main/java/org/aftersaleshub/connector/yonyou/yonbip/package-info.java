/**
 * YonBIP / YonSuite OpenAPI (erp-apis.md §3): {@link org.aftersaleshub.connector.yonyou.yonbip.YonBipConnector}
 * (gateway discovery, signed token, {@code othoutrecord} save keyed by {@code resubmitCheckKey} + audit, current
 * stock), its config declaration and the {@code yonbip:} Camel component.
 */
package org.aftersaleshub.connector.yonyou.yonbip;
