package org.aftersaleshub.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database the store runs on. SQL that differs between H2 (embedded default) and PostgreSQL (prod) asks
 * here instead of guessing; everything else is written once.
 */
@Component
public class Database {

    private final boolean postgres;
    private final JdbcTemplate jdbc;

    public Database(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
        this.jdbc = jdbc;
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Advisory-lock key of the outbox relay lease (any constant unique within the hub's database). */
    static final long RELAY_LEASE_KEY = 0x6f7574626f78L; // "outbox"

    /**
     * Takes the outbox relay lease for the current transaction, if free. PostgreSQL: a transaction-scoped advisory
     * lock, released at commit or rollback, or when a crashed instance's connection drops. H2 (the embedded
     * default): always granted, as one process owns the file.
     */
    public boolean tryRelayLease() {
        if (!postgres) {
            return true;
        }
        Boolean got = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LEASE_KEY);
        return Boolean.TRUE.equals(got);
    }

    /**
     * Makes every change other sessions have committed so far durable before the caller acts on it outside the
     * database. H2 makes a commit visible to other sessions a moment before it writes it to the file; a relay that
     * published such a row and then died with the process would have announced a change that is gone after the
     * restart (the kill -9 test caught it). CHECKPOINT writes the store, so what the relay read is on disk before
     * it reaches the broker. PostgreSQL shows a commit only once it is durable: nothing to do.
     */
    public void makeCommittedDataDurable() {
        if (!postgres) {
            jdbc.execute("CHECKPOINT");
        }
    }

    /**
     * Row-lock clause for work-queue reads. PostgreSQL skips rows another hub instance holds; H2 has no
     * SKIP LOCKED, and the embedded default is a single instance, so a plain lock is correct there.
     */
    public String forUpdateSkipLocked() {
        return postgres ? " for update skip locked" : " for update";
    }

    /**
     * A timestamp column as JDBC hands it back through {@code queryForMap}: H2 gives an {@link java.time.OffsetDateTime}
     * for {@code timestamp with time zone}, PostgreSQL a {@link java.sql.Timestamp}; null stays null.
     */
    public static java.time.Instant instant(Object jdbcValue) {
        if (jdbcValue == null) {
            return null;
        }
        if (jdbcValue instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (jdbcValue instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (jdbcValue instanceof java.time.Instant i) {
            return i;
        }
        return java.time.Instant.parse(jdbcValue.toString());
    }
}
