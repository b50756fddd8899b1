package org.aftersaleshub.connector.kingdee;

import org.junit.jupiter.api.BeforeEach;

/**
 * Conformance in SIGNATURE mode (the default). The mock is made strict — a stale session id is refused with
 * MsgCode 1 instead of being silently replaced — so that session expiry is observable and must cost one renewal.
 */
class KingdeeSignatureConformanceTest extends AbstractKingdeeConformanceTest {

    @BeforeEach
    void strictSessions() {
        mock.config().setReissueStaleSidWithSignature(false);
    }

    @Override
    protected String authMode() {
        return "SIGNATURE";
    }
}
