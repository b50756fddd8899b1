package org.aftersaleshub.staff;

import org.aftersaleshub.web.ApiH2IntegrationTest;

/** {@link StaffApiContract} on the embedded default (H2 file database). */
class StaffApiH2Test extends ApiH2IntegrationTest implements StaffApiContract {
}
