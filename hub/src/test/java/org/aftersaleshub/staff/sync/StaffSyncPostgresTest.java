package org.aftersaleshub.staff.sync;

import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.web.ApiPostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link StaffSyncContract} on PostgreSQL (profile prod, a fresh schema). */
class StaffSyncPostgresTest extends ApiPostgresIntegrationTest implements StaffSyncContract {

    static final ImMocks IM = ImMocks.start();

    @DynamicPropertySource
    static void im(DynamicPropertyRegistry r) {
        StaffSyncContract.register(r, IM);
    }

    @AfterAll
    static void stop() {
        IM.close();
    }

    @Override
    public ImMocks im() {
        return IM;
    }
}
