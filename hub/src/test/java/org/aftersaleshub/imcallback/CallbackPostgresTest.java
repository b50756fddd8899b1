package org.aftersaleshub.imcallback;

import java.nio.file.Path;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CallbackContract} on PostgreSQL (profile prod, a fresh schema), with two callback workers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class CallbackPostgresTest extends CallbackContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.postgres(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        CallbackRequests.properties(r);
    }
}
