/**
 * Dead-letter store: messages whose external effect failed for good, with the original event, the error, the
 * route and the attempt count; listed, filtered and replayed (audited, with the same idempotency key).
 */
package org.aftersaleshub.deadletter;
