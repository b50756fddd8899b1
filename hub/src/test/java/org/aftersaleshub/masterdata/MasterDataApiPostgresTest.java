package org.aftersaleshub.masterdata;

import org.aftersaleshub.web.ApiPostgresIntegrationTest;

/** {@link MasterDataApiContract} on PostgreSQL (profile prod): the repositories' SQL on the production database. */
class MasterDataApiPostgresTest extends ApiPostgresIntegrationTest implements MasterDataApiContract {
}
