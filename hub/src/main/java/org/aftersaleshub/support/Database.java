package org.aftersaleshub.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which database the store runs on. SQL that differs between H2 (embedded default) and PostgreSQL (prod) asks
 * here instead of guessing; everything else is written once.
 */
@Component
public class Database {

    private final boolean postgres;

    public Database(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * Row-lock clause for work-queue reads. PostgreSQL skips rows another hub instance holds; H2 has no
     * SKIP LOCKED, and the embedded default is a single instance, so a plain lock is correct there.
     */
    public String forUpdateSkipLocked() {
        return postgres ? " for update skip locked" : " for update";
    }
}
