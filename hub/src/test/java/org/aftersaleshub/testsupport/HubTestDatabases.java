package org.aftersaleshub.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Puts a test's hub on a database of its own: a fresh H2 file database under a temp data dir (the embedded
 * default), or a fresh schema in the local PostgreSQL {@code test} database (profile {@code prod}). Every Spring
 * context gets its own data dir (Artemis journal, logs) either way.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void db(DynamicPropertyRegistry r) { HubTestDatabases.h2(r); }
 * }</pre>
 */
public final class HubTestDatabases {

    /** PostgreSQL that .ci/run guarantees: 127.0.0.1:5432, trust auth, database {@code test}. */
    public static final String POSTGRES_URL = System.getProperty("hub.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("hub.test.postgres-user", "postgres");

    private HubTestDatabases() {
    }

    /** Embedded default: H2 file database and embedded Artemis in a fresh temp data dir. */
    public static Path h2(DynamicPropertyRegistry r) {
        Path dir = tempDataDir();
        r.add("hub.data-dir", dir::toString);
        common(r);
        return dir;
    }

    /**
     * PostgreSQL in a fresh schema (so parallel builds and earlier runs never see each other's rows), embedded
     * Artemis in a fresh temp data dir. The store, outbox and relay run exactly as under profile {@code prod}.
     */
    public static Path postgres(DynamicPropertyRegistry r) {
        Path dir = tempDataDir();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        r.add("hub.data-dir", dir::toString);
        r.add("spring.datasource.url", () -> POSTGRES_URL + "?currentSchema=" + schema);
        r.add("spring.datasource.username", () -> POSTGRES_USER);
        r.add("spring.datasource.password", () -> "");
        r.add("spring.flyway.schemas", () -> schema);
        r.add("spring.flyway.create-schemas", () -> "true");
        // Spring keeps up to 32 test contexts alive, each with its own pool, on one PostgreSQL (max_connections
        // 100): a context holds one idle connection, and what a test's burst opened closes 10 s after it
        r.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
        r.add("spring.datasource.hikari.minimum-idle", () -> "1");
        r.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        // profile prod makes no field page link key; a test hub gets its own
        r.add("hub.field-page.link-key", () -> "test-field-page-link-key-" + schema);
        common(r);
        return dir;
    }

    private static void common(DynamicPropertyRegistry r) {
        r.add("hub.demo.enabled", () -> "false");
        r.add("hub.demo.mocks.enabled", () -> "false");
        r.add("hub.erp.connector", () -> ""); // tests that need an ERP point it at their own mock
    }

    private static Path tempDataDir() {
        try {
            return Files.createTempDirectory("hub-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
