package org.aftersaleshub.masterdata;

import org.aftersaleshub.web.ApiH2IntegrationTest;

/** {@link MasterDataApiContract} on the embedded default (H2 file database). */
class MasterDataApiH2Test extends ApiH2IntegrationTest implements MasterDataApiContract {
}
