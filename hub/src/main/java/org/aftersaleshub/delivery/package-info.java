/**
 * Delivery journal: one row per attempt at an external effect (idempotency key, target, attempt, outcome,
 * latency), fed by {@link org.aftersaleshub.delivery.DeliveryAttempts} from the routes and the shared error
 * handler, plus the retry policy routes share.
 */
package org.aftersaleshub.delivery;
