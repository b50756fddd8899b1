package org.aftersaleshub.console;

import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SlaFactsInStepTestBase} on H2. */
@SpringBootTest
class SlaFactsInStepTest extends SlaFactsInStepTestBase {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        common(r, HubTestDatabases.h2(r));
    }
}
