package org.aftersaleshub.crm;

import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CrmFlowsContract} on the embedded default (H2 file database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CrmFlowsH2Test extends CrmFlowsContract {

    static final FxiaokeMock MOCK = CrmMocks.start();
    static final int PORT = freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        properties(r, MOCK, PORT);
    }

    @AfterAll
    static void stop() {
        MOCK.close();
    }

    @Override
    FxiaokeMock crmMock() {
        return MOCK;
    }
}
