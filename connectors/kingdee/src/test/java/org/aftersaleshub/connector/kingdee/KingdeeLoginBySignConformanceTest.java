package org.aftersaleshub.connector.kingdee;

/** Conformance in LOGIN_BY_SIGN mode: session from AuthService.LoginBySign, renewed after MsgCode 1. */
class KingdeeLoginBySignConformanceTest extends AbstractKingdeeConformanceTest {

    @Override
    protected String authMode() {
        return "LOGIN_BY_SIGN";
    }
}
