package org.aftersaleshub.web;

import java.nio.file.Path;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API on PostgreSQL (profile {@code prod}) in a fresh schema; the broker stays embedded. Subclasses share one
 * Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
public abstract class ApiPostgresIntegrationTest extends ApiTestSupport {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.postgres(r);
        // These tests need no Camel routes: an empty routes dir of their own keeps them independent of routes/.
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
    }
}
