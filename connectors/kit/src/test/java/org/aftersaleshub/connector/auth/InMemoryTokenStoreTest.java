package org.aftersaleshub.connector.auth;

/** {@link TokenStoreContract} in one process: two caches (two connectors) on one store. */
class InMemoryTokenStoreTest implements TokenStoreContract {

    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    public TokenStore tokenStore(int instance) {
        return store;
    }
}
