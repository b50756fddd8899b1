/** Operations: health of the broker journal and the outbox, and the request-scoped log context. */
package org.aftersaleshub.ops;
