package org.aftersaleshub.imports;

import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ImportApiTest} on PostgreSQL under profile prod: V13's tables, the one ALL_OR_NOTHING transaction beside the
 * progress updates in their own, and the stale-job sweep on PostgreSQL's timestamps.
 */
@ActiveProfiles("prod")
class ImportPostgresTest extends ImportApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        HubTestDatabases.postgres(r);
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        // the write transaction and the progress updates each hold a connection while the test polls
        r.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
        r.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }
}
