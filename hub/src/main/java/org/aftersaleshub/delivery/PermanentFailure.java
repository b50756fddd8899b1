package org.aftersaleshub.delivery;

/**
 * Marks a failure that no retry can fix (a message the hub cannot route as configured): the shared error handler
 * files it as a dead letter at once, to be replayed once the configuration is fixed.
 */
public interface PermanentFailure {
}
