package org.aftersaleshub.idempotency;

/** A stored first answer: what to compare ({@code requestHash}) and what to replay. */
record IdempotencyRecord(String requestHash, int status, String body, String location) {
}
