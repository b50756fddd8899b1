package org.aftersaleshub.console;

import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SlaFactsInStepTestBase} on PostgreSQL (profile prod, as ApiPostgresIntegrationTest). */
@SpringBootTest
@ActiveProfiles("prod")
class SlaFactsInStepPostgresTest extends SlaFactsInStepTestBase {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        common(r, HubTestDatabases.postgres(r));
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
    }
}
