package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances on one PostgreSQL database (127.0.0.1:5432, database {@code test}), in a schema of this run's
 * own: the store contracts (20 permits per minute for 16 threads, 50 callers and one token fetch, exact quota
 * counts), a dead refresher's lease, sealed tokens, and acquisitions per second.
 */
class SharedStoresPostgresTest extends SharedStoresContractTest {

    private final String schema = "t_budget_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    String freshDatabaseUrl() {
        return HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema;
    }

    @Override
    String user() {
        return HubTestDatabases.POSTGRES_USER;
    }

    @Override
    String schema() {
        return schema;
    }

    @Test
    void onPostgreSqlTheHubKeepsRateBudgetsInTheDatabaseWhereEveryInstanceSeesThem() {
        SharedState state = new BudgetsConfiguration().sharedState(pool(1),
                new BudgetsProperties(null, null, null, null, null, null, null));
        assertThat(state.budgets()).isInstanceOf(JdbcBudgetStore.class);
        assertThat(state.tokens()).isInstanceOf(JdbcTokenStore.class);
        assertThat(state.quotas()).isInstanceOf(JdbcQuotaStore.class);
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL, user(), "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
