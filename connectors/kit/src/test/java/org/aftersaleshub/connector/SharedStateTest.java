package org.aftersaleshub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.connector.auth.InMemoryTokenStore;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.ratelimit.InMemoryBudgetStore;
import org.aftersaleshub.connector.ratelimit.InMemoryQuotaStore;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.junit.jupiter.api.Test;

/**
 * The plug-in point: a connector instance started through {@link ConnectorInstances} builds its budgets, token cache
 * and quota counter on the deployment's {@link SharedState} without code of its own. Two {@code ConnectorInstances}
 * on the same stores stand for two hub processes on one database.
 */
class SharedStateTest {

    static final TokenCache.Key KEY = new TokenCache.Key("budgeted", "corp", "app");

    /** A connector that builds what real connectors build in their start. */
    static final class Budgeted implements HubConnector {
        RateBudgets budgets;
        TokenCache<String> tokens;
        QuotaCounter quota;

        @Override
        public String name() {
            return "budgeted";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.NOTIFICATION);
        }

        @Override
        public ConfigDef configDef() {
            return new ConfigDef("budgeted.");
        }

        @Override
        public List<ConfigProblem> validateConnectivity(Map<String, String> config, Duration timeout) {
            return List.of();
        }

        @Override
        public void start(Map<String, String> config) {
            budgets = new RateBudgets(1, Duration.ofMinutes(1), Duration.ZERO);
            tokens = new TokenCache<>(Clock.systemUTC(), Duration.ZERO);
            quota = new QuotaCounter("budgeted:app:calls", 5_000, Clock.systemUTC());
        }

        @Override
        public void stop() {
            budgets = null;
        }

        @Override
        public boolean isStarted() {
            return budgets != null;
        }
    }

    @Test
    void instancesStartedOnSharedStoresShareBudgetTokenAndQuota() {
        SharedState database = new SharedState(new InMemoryBudgetStore(), new InMemoryTokenStore(),
                new InMemoryQuotaStore());
        Budgeted inHubOne = new Budgeted();
        Budgeted inHubTwo = new Budgeted();
        new ConnectorInstances(database).start("robot-a", inHubOne, Map.of());
        new ConnectorInstances(database).start("robot-a", inHubTwo, Map.of());

        assertThat(inHubOne.budgets.acquire("robot")).isTrue();
        assertThat(inHubTwo.budgets.acquire("robot")).as("one permit per minute for both hubs").isFalse();

        AtomicInteger fetches = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> new TokenCache.Token<>("t" + fetches.incrementAndGet(),
                Instant.now().plusSeconds(7200));
        assertThat(inHubOne.tokens.get(KEY, fetcher)).isEqualTo("t1");
        assertThat(inHubTwo.tokens.get(KEY, fetcher)).isEqualTo("t1");
        assertThat(fetches).hasValue(1);

        inHubOne.quota.count(2);
        assertThat(inHubTwo.quota.count(1).used()).isEqualTo(3);
        assertThat(inHubTwo.quota.usage().quota().instance()).as("labelled with the instance name")
                .isEqualTo("robot-a");
        assertThat(SharedState.current().shared()).as("the binding ends with the start").isFalse();
    }

    @Test
    void withoutSharedStoresEachConnectorKeepsItsOwn() {
        Budgeted one = new Budgeted();
        Budgeted two = new Budgeted();
        new ConnectorInstances().start("robot-a", one, Map.of());
        new ConnectorInstances().start("robot-a", two, Map.of());
        assertThat(one.budgets.acquire("robot")).isTrue();
        assertThat(two.budgets.acquire("robot")).isTrue();
    }

    @Test
    void aMalformedNameStartsNothing() {
        Budgeted c = new Budgeted();
        ConnectorInstances instances = new ConnectorInstances(SharedState.inMemory());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> instances.start("Robot A", c, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(c.isStarted()).isFalse();
    }
}
