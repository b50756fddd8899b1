package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.auth.TokenStore;
import org.aftersaleshub.connector.auth.TokenStoreContract;
import org.aftersaleshub.connector.ratelimit.BudgetStore;
import org.aftersaleshub.connector.ratelimit.BudgetStoreContract;
import org.aftersaleshub.connector.ratelimit.QuotaStore;
import org.aftersaleshub.connector.ratelimit.QuotaStoreContract;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's store contracts against the database stores, as two hub instances see them: two connection pools on one
 * database (the hub's own Flyway migrations applied), each with its own {@link JdbcBudgetStore},
 * {@link JdbcTokenStore} and {@link JdbcQuotaStore}. Subclasses choose the database; each run gets an empty one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedStoresContractTest implements BudgetStoreContract, TokenStoreContract, QuotaStoreContract {

    private static final Logger log = LoggerFactory.getLogger(SharedStoresContractTest.class);
    static final String TOKEN_KEY = "test-token-key-" + UUID.randomUUID();

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcBudgetStore> budgets = new ArrayList<>();
    private final List<JdbcTokenStore> tokens = new ArrayList<>();
    private final List<JdbcQuotaStore> quotas = new ArrayList<>();

    /** A JDBC URL of an empty database (or schema) for this class; called once. */
    abstract String freshDatabaseUrl();

    abstract String user();

    /** Flyway's schema for the URL, or null for the default. */
    abstract String schema();

    @BeforeAll
    void twoInstances() {
        String url = freshDatabaseUrl();
        var flyway = Flyway.configure().dataSource(url, user(), "").locations("classpath:db/migration");
        if (schema() != null) {
            flyway.schemas(schema()).createSchemas(true);
        }
        flyway.load().migrate();
        for (int i = 0; i < 2; i++) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(url);
            cfg.setUsername(user());
            cfg.setPassword("");
            cfg.setMaximumPoolSize(10);
            cfg.setPoolName("hub-instance-" + (i + 1));
            HikariDataSource ds = new HikariDataSource(cfg);
            pools.add(ds);
            budgets.add(new JdbcBudgetStore(ds));
            tokens.add(new JdbcTokenStore(ds, TokenCipher.of(TOKEN_KEY), Duration.ofSeconds(30),
                    Duration.ofSeconds(20)));
            quotas.add(new JdbcQuotaStore(ds));
        }
    }

    @AfterAll
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    DataSource pool(int instance) {
        return pools.get(instance - 1);
    }

    @Override
    public BudgetStore budgetStore(int instance) {
        return budgets.get(instance - 1);
    }

    @Override
    public TokenStore tokenStore(int instance) {
        return tokens.get(instance - 1);
    }

    @Override
    public QuotaStore quotaStore(int instance) {
        return quotas.get(instance - 1);
    }

    @Test
    void tokensAreSealedAtRestAndAnotherKeyFetchesAfresh() throws Exception {
        TokenCache.Key key = new TokenCache.Key("wecom", "corp", UUID.randomUUID().toString());
        String secretToken = "ACCESS-" + UUID.randomUUID();
        tokenStore(1).put(key, new TokenCache.Token<>(secretToken, Instant.now().plusSeconds(7200)));
        try (Connection c = pool(2).getConnection(); PreparedStatement ps = c.prepareStatement(
                "select token_value from shared_token where token_key = ?")) {
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(secretToken)
                        .doesNotContain(secretToken.substring(7));
            }
        }
        JdbcTokenStore otherKey = new JdbcTokenStore(pool(2), TokenCipher.of("another key"), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
        TokenCache<String> cache = new TokenCache<>(otherKey, Clock.systemUTC(), Duration.ZERO);
        assertThat(cache.get(key, () -> new TokenCache.Token<>("refetched", Instant.now().plusSeconds(60))))
                .as("a value that does not open is no token").isEqualTo("refetched");
    }

    @Test
    void anInstanceThatDiesWhileFetchingHoldsTheOthersBackOnlyForItsLease() throws Exception {
        Duration lease = Duration.ofSeconds(1);
        JdbcTokenStore dying = new JdbcTokenStore(pool(1), TokenCipher.of(TOKEN_KEY), lease, Duration.ofSeconds(5));
        JdbcTokenStore survivor = new JdbcTokenStore(pool(2), TokenCipher.of(TOKEN_KEY), lease,
                Duration.ofSeconds(5));
        TokenCache.Key key = new TokenCache.Key("dingtalk", "corp", UUID.randomUUID().toString());
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> new TokenCache<String>(dying, Clock.systemUTC(), Duration.ZERO).get(key, () -> {
                hung.countDown();
                never.await(30, TimeUnit.SECONDS); // a fetch that never returns: the instance died holding the lease
                return new TokenCache.Token<>("from-the-dead", Instant.now().plusSeconds(60));
            }));
            assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            AtomicInteger fetches = new AtomicInteger();
            String got = new TokenCache<String>(survivor, Clock.systemUTC(), Duration.ZERO).get(key, () -> {
                fetches.incrementAndGet();
                return new TokenCache.Token<>("from-the-survivor", Instant.now().plusSeconds(60));
            });
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(got).isEqualTo("from-the-survivor");
            assertThat(fetches).hasValue(1);
            assertThat(waited).as("waited for the lease to end").isBetween(Duration.ofMillis(700),
                    Duration.ofSeconds(4));
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void quotaCountsAreListedForMetrics() {
        QuotaStore.Quota q = new QuotaStore.Quota("dingtalk:" + UUID.randomUUID() + ":api-calls", "2031-01", 5_000,
                "dingtalk-main");
        quotaStore(1).add(q, 4_100);
        assertThat(quotaStore(2).usages("2031-01")).filteredOn(u -> u.quota().equals(q))
                .singleElement().extracting(QuotaStore.Usage::used).isEqualTo(4_100L);
    }

    /**
     * Acquisitions per second (logged; the floor only catches a store that stalls): 8 threads on two instances, each
     * on a budget of its own (no contention), then all on one budget (every grant a race for the same rows).
     */
    @Test
    void measuresAcquisitionsPerSecond() throws Exception {
        double apart = rate(false);
        double together = rate(true);
        log.info("{}: {} acquisitions/s on separate budgets, {} acquisitions/s on one budget (8 threads, 2 pools)",
                getClass().getSimpleName(), String.format(Locale.ROOT, "%.0f", apart),
                String.format(Locale.ROOT, "%.0f", together));
        System.out.printf(Locale.ROOT, "%s: %.0f acquisitions/s on separate budgets, %.0f on one budget%n",
                getClass().getSimpleName(), apart, together);
        assertThat(apart).isGreaterThan(100);
        assertThat(together).isGreaterThan(50);
    }

    private double rate(boolean oneBudget) throws Exception {
        // a window of 1 ms: permits are always free again, so this measures the store, not the limit
        BudgetStore.Limit limit = BudgetStore.Limit.of(20, Duration.ofMillis(1));
        String shared = "bench:" + UUID.randomUUID();
        AtomicLong granted = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                BudgetStore store = budgetStore(t % 2 + 1);
                String budget = oneBudget ? shared : "bench:" + UUID.randomUUID();
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (store.tryAcquire(budget, limit, 1).granted()) {
                            granted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await().until(() -> true);
        return granted.get() / (Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
    }
}
