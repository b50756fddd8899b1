package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real connectors' token path on the shared store: two hub instances (two {@link ConnectorInstances}, each on
 * its own connection pool to one PostgreSQL schema) start the same connector instance against the ERP's mock. The
 * second instance uses the session the first fetched; after the mock expires every session, 50 parallel calls
 * across both instances log in once — counted by the mock. Without the shared store each instance logs in itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorTokensPostgresTest {

    private final String schema = "t_budget_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    void database() {
        String url = HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema;
        Flyway.configure().dataSource(url, HubTestDatabases.POSTGRES_USER, "").schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        for (int i = 1; i <= 2; i++) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(url);
            cfg.setUsername(HubTestDatabases.POSTGRES_USER);
            cfg.setMaximumPoolSize(10);
            cfg.setPoolName("hub-" + i);
            pools.add(new HikariDataSource(cfg));
        }
    }

    @AfterAll
    void drop() throws SQLException {
        pools.forEach(HikariDataSource::close);
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL, HubTestDatabases.POSTGRES_USER,
                ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    Stream<StockConnectorFixture> erpsWithExpiringCredentials() {
        return ErpInstances.fixtures().stream().filter(StockConnectorFixture::credentialsExpire);
    }

    private SharedState hubInstance(int i) {
        HikariDataSource pool = pools.get(i - 1);
        return new SharedState(new JdbcBudgetStore(pool), new JdbcTokenStore(pool, TokenCipher.of("k"),
                Duration.ofSeconds(30), Duration.ofSeconds(20)), new JdbcQuotaStore(pool));
    }

    @ParameterizedTest
    @MethodSource("erpsWithExpiringCredentials")
    void fiftyCallsOnTwoHubInstancesRightAfterExpiryLogInOnce(StockConnectorFixture erp) throws Exception {
        try (StockConnectorFixture.StartedMock mock = erp.start()) {
            List<StockQueries> hubs = startOnBothHubs(erp, mock, hubInstance(1), hubInstance(2));
            StockQuery query = StockQuery.of(StockConnectorFixture.demoSkus().get(0),
                    StockConnectorFixture.demoWarehouses().get(0));
            long before = mock.credentialsIssued();
            hubs.get(0).stockLevel(query);
            hubs.get(1).stockLevel(query);
            assertThat(mock.credentialsIssued() - before).as("the second hub uses the first hub's session")
                    .isEqualTo(1);

            mock.expireSessions();
            long beforeBurst = mock.credentialsIssued();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    StockQueries hub = hubs.get(i % 2);
                    calls.add(pool.submit(() -> {
                        start.await();
                        return hub.stockLevel(query);
                    }));
                }
                start.countDown();
                for (Future<?> f : calls) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(mock.credentialsIssued() - beforeBurst).as("%s logins for 50 calls on two hubs after expiry",
                    erp.type()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("erpsWithExpiringCredentials")
    void withoutTheSharedStoreEachHubInstanceLogsInItself(StockConnectorFixture erp) throws Exception {
        try (StockConnectorFixture.StartedMock mock = erp.start()) {
            List<StockQueries> hubs = startOnBothHubs(erp, mock, null, null);
            StockQuery query = StockQuery.of(StockConnectorFixture.demoSkus().get(0),
                    StockConnectorFixture.demoWarehouses().get(0));
            long before = mock.credentialsIssued();
            hubs.get(0).stockLevel(query);
            hubs.get(1).stockLevel(query);
            assertThat(mock.credentialsIssued() - before).isEqualTo(2);
        }
    }

    /** The same connector instance started in two hubs, on {@code one}'s and {@code two}'s stores (null: memory). */
    private List<StockQueries> startOnBothHubs(StockConnectorFixture erp, StockConnectorFixture.StartedMock mock,
                                               SharedState one, SharedState two) {
        Map<String, String> keys = mock.connectorKeys(Duration.ofSeconds(10));
        List<StockQueries> out = new ArrayList<>();
        for (SharedState state : new SharedState[] {one, two}) {
            HubConnector c = erp.newConnector();
            new ConnectorInstances(state).start(ErpInstances.instanceOf(erp), c, keys);
            out.add(c.as(StockQueries.class).orElseThrow());
        }
        return out;
    }
}
