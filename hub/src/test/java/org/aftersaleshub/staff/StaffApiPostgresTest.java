package org.aftersaleshub.staff;

import org.aftersaleshub.web.ApiPostgresIntegrationTest;

/** {@link StaffApiContract} on PostgreSQL (profile prod). */
class StaffApiPostgresTest extends ApiPostgresIntegrationTest implements StaffApiContract {
}
