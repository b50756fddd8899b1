package org.aftersaleshub.idempotency;

import org.aftersaleshub.web.ApiPostgresIntegrationTest;

/** {@link IdempotencyContract} on PostgreSQL (profile prod). */
class IdempotencyPostgresTest extends ApiPostgresIntegrationTest implements IdempotencyContract {
}
