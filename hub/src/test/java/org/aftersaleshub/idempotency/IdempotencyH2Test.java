package org.aftersaleshub.idempotency;

import org.aftersaleshub.web.ApiH2IntegrationTest;

/** {@link IdempotencyContract} on the embedded default (H2 file database). */
class IdempotencyH2Test extends ApiH2IntegrationTest implements IdempotencyContract {
}
