/**
 * The connector SPI: {@link org.aftersaleshub.connector.HubConnector} (lifecycle, capabilities, config declaration,
 * two-stage validation), discovery with {@code ServiceLoader}, and the capability interfaces in sub-packages.
 * Shared support lives beside it by concern: {@code config} (declaration, validation, docs), {@code http}
 * (transport with outcome classification), {@code auth} (token/session cache), {@code ratelimit} (Resilience4j
 * budgets), {@code secret} (masking), {@code stock} (stock deduction and query contracts).
 */
package org.aftersaleshub.connector;
