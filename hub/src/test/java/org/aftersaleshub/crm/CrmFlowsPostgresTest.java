package org.aftersaleshub.crm;

import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CrmFlowsContract} on PostgreSQL (profile prod, a fresh schema). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("prod")
class CrmFlowsPostgresTest extends CrmFlowsContract {

    static final FxiaokeMock MOCK = CrmMocks.start();
    static final int PORT = freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.postgres(r);
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
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
