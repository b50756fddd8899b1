package org.aftersaleshub.ops;

import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.idempotency.IdempotencyProperties;
import org.aftersaleshub.outbox.OutboxProperties;
import org.aftersaleshub.support.Database;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link RetentionContract} on the embedded default (H2 file database). */
class RetentionH2Test extends ApiH2IntegrationTest implements RetentionContract {

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Database database;
    @Autowired
    OutboxProperties outbox;
    @Autowired
    IdempotencyProperties idempotency;
    @Autowired
    AuditLog audit;

    @Override
    public RetentionPurger purger(RetentionProperties props) {
        return new RetentionPurger(jdbc, transactions, database, props, outbox, idempotency, audit);
    }
}
