package org.aftersaleshub.ops;

import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@link RetentionContract} on the embedded default (H2 file database). */
class RetentionH2Test extends ApiH2IntegrationTest implements RetentionContract {

    @Autowired
    ApplicationContext context;

    @Override
    public RetentionPurger purger(RetentionProperties props) {
        return RetentionContract.purgerFrom(context, props);
    }
}
