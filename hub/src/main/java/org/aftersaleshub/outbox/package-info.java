/**
 * Transactional outbox: a change and its event are written in one database transaction
 * ({@link org.aftersaleshub.outbox.OutboxWriter}); the relay moves unpublished rows to the persistent
 * Artemis address in per-ticket order ({@link org.aftersaleshub.outbox.OutboxRelay}).
 */
package org.aftersaleshub.outbox;
