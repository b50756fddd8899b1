package org.aftersaleshub.budget;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The few SQL differences between H2 (embedded default) and PostgreSQL the shared stores need, all about the
 * database's clock: every time the stores compare is the database's, so hub instances whose clocks disagree still
 * agree on windows and leases.
 */
final class StoreSql {

    private final boolean postgres;

    private StoreSql(boolean postgres) {
        this.postgres = postgres;
    }

    static StoreSql of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return new StoreSql(c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database for the shared budgets: " + e.getMessage(), e);
        }
    }

    /**
     * The database's time now. PostgreSQL's current_timestamp is the start of the transaction; clock_timestamp()
     * is the moment of the statement, which is when a grant or a lease really happens. H2's current_timestamp in an
     * auto-commit statement is that statement's time.
     */
    String now() {
        return postgres ? "clock_timestamp()" : "current_timestamp(6)";
    }

    /** The database's time now plus a number of milliseconds given as the statement's next parameter. */
    String nowPlusMillis() {
        return postgres ? "(clock_timestamp() + cast(? as double precision) * interval '1 millisecond')"
                : "dateadd(millisecond, cast(? as bigint), current_timestamp(6))";
    }

    boolean postgres() {
        return postgres;
    }

    /** True for a unique-key violation (SQLSTATE 23505 on both databases): someone else created the row first. */
    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
