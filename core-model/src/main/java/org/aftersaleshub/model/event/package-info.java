/**
 * Events the hub publishes. Every event travels in an {@link org.aftersaleshub.model.event.EventEnvelope}
 * that carries its id (the duplicate-detection and idempotency root), its type, the model version and the
 * per-ticket sequence that defines order.
 */
package org.aftersaleshub.model.event;
