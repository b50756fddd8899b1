/**
 * The broker side of the spine: the persistent Artemis address every event goes to, its address settings
 * (redelivery, dead-letter address, address-full policy) and the per-route queues on it.
 */
package org.aftersaleshub.messaging;
