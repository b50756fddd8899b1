package org.aftersaleshub.connector.kingdee;

/**
 * The conformance checks in LOGIN_BY_SIGN mode: the session comes from AuthService.LoginBySign and is renewed after
 * MsgCode 1 (the invalid and unreachable configurations are {@link KingdeeConformanceTest}'s, in this mode).
 */
class KingdeeLoginBySignConformanceTest extends KingdeeConformanceTest {

    @Override
    protected String authMode() {
        return "LOGIN_BY_SIGN";
    }
}
