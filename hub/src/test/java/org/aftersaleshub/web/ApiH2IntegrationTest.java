package org.aftersaleshub.web;

import java.nio.file.Path;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API on the embedded default (H2 file database). Subclasses share one Spring context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiH2IntegrationTest extends ApiTestSupport {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        // These tests need no Camel routes: an empty routes dir of their own keeps them independent of routes/.
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
    }
}
