package org.aftersaleshub.budget;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The same on the embedded default's H2 file database, two pools on one file. H2 lets only one process open the
 * file, so this is the embedded default's single instance with many connections: it checks the SQL and the
 * atomicity of each conditional UPDATE on H2; several hub instances run on PostgreSQL.
 */
class SharedStoresH2Test extends SharedStoresContractTest {

    @Override
    String freshDatabaseUrl() {
        try {
            return "jdbc:h2:file:" + Files.createTempDirectory("hub-budgets-").resolve("hub")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String schema() {
        return null;
    }
}
