/**
 * Delivery journal: one row per attempt at an external effect (idempotency key, target, attempt, outcome,
 * latency), recorded for every exchange a route marks with {@link org.aftersaleshub.delivery.DeliveryProperties
 * the delivery exchange properties}, plus the retry policy routes share.
 */
package org.aftersaleshub.delivery;
