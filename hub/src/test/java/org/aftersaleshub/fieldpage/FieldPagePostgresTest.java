package org.aftersaleshub.fieldpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link FieldPageTest} on PostgreSQL under profile prod (V10's photo table with {@code bytea}, the row locks of
 * 完成 and of the photo count), the broker embedded; the link key comes from configuration, as prod requires.
 */
@ActiveProfiles("prod")
class FieldPagePostgresTest extends FieldPageTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        HubTestDatabases.postgres(r);
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        // a cached context keeps its pool open while later classes run: few connections, so the whole suite stays
        // under PostgreSQL's max_connections
        r.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        r.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    /** Under prod no key is made on the disk: the configured one signs. */
    @Override
    @Test
    void theLinkKeyOfTheEmbeddedDefaultIsMadeInTheDataDirectoryOwnerOnly() {
        assertThat(Path.of(environment.getProperty("hub.data-dir")).resolve(LinkKey.FILE_NAME)).doesNotExist();
        assertThat(environment.getProperty("hub.field-page.link-key")).isNotBlank();
    }
}
