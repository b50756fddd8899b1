/**
 * The connector SPI: {@link org.aftersaleshub.connector.HubConnector} (lifecycle, capabilities, config declaration,
 * two-stage validation), discovery with {@code ServiceLoader}, and the capability interfaces in sub-packages.
 * Shared support lives beside it by concern: {@code config} (declaration, validation, docs), {@code http}
 * (transport with outcome classification), {@code auth} (token/session cache), {@code ratelimit} (rate budgets
 * and quota counters), {@code secret} (masking), {@code stock} (stock deduction and query contracts). Budgets,
 * tokens and quota counts live in the deployment's {@link org.aftersaleshub.connector.SharedState}.
 */
package org.aftersaleshub.connector;
