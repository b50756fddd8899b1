package org.aftersaleshub.staff.sync;

import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link StaffSyncContract} on the embedded default (H2 file database). */
class StaffSyncH2Test extends ApiH2IntegrationTest implements StaffSyncContract {

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
