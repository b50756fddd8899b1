package org.aftersaleshub.imcallback;

import java.nio.file.Path;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CallbackContract} on the embedded default (H2 file database, one callback worker). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallbackH2Test extends CallbackContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        CallbackRequests.properties(r);
    }
}
