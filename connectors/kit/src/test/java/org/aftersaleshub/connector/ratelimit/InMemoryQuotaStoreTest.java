package org.aftersaleshub.connector.ratelimit;

/** {@link QuotaStoreContract} in one process. */
class InMemoryQuotaStoreTest implements QuotaStoreContract {

    private final InMemoryQuotaStore store = new InMemoryQuotaStore();

    @Override
    public QuotaStore quotaStore(int instance) {
        return store;
    }
}
