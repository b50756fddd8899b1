/**
 * {@code Idempotency-Key} on every POST of the API: the first answer is stored with the change in one transaction
 * and returned again for a retry with the same key (per API key); the same key with another request is refused.
 */
package org.aftersaleshub.idempotency;
