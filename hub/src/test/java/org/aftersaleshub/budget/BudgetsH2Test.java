package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.auth.TokenStore;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub's wiring on the embedded default: one {@link SharedState} on the hub's database, whose quota counts reach
 * the {@code hub.quota.used} / {@code hub.quota.limit} gauges and the {@code quotas} health (WARN from 80 %, UP).
 */
class BudgetsH2Test extends ApiH2IntegrationTest {

    @Autowired
    SharedState shared;
    @Autowired
    QuotaUsages usages;
    @Autowired
    MeterRegistry meters;

    @Test
    void theHubsStoresAreInItsDatabase() {
        assertThat(shared.shared()).isTrue();
        assertThat(shared.budgets()).isInstanceOf(JdbcBudgetStore.class);
        assertThat(shared.tokens()).isInstanceOf(JdbcTokenStore.class);
        assertThat(shared.quotas()).isInstanceOf(JdbcQuotaStore.class);
        // what a connector builds while the hub starts it lands there
        RateBudgets budgets = shared.forInstance("robot-test").bindDuring(
                () -> new RateBudgets(1, Duration.ofMinutes(1), Duration.ZERO));
        String key = RateBudgets.key("dingtalk", "robot-" + UUID.randomUUID(), "send");
        assertThat(budgets.acquire(key)).isTrue();
        assertThat(jdbc().queryForObject("select count(*) from budget_slot where budget = ?", Integer.class, key))
                .isEqualTo(1);
        assertThat(shared.tokens()).isInstanceOf(TokenStore.class);
    }

    @Test
    void aNearlyUsedQuotaShowsInMetricsAndHealthWhileTheHubStaysUp() {
        String quota = "dingtalk:" + UUID.randomUUID() + ":api-calls";
        QuotaCounter counter = shared.forInstance("dingtalk-test").bindDuring(
                () -> new QuotaCounter(quota, 5_000, Clock.systemUTC()));
        counter.count(4_200);
        usages.sample();

        ApiTestClient admin = client("budgets-admin", ApiScope.ADMIN);
        ApiTestClient.Answer health = admin.get("/actuator/health/quotas");
        assertThat(health.status()).isEqualTo(200);
        JsonNode h = health.json();
        assertThat(h.path("status").asText()).isEqualTo("UP");
        assertThat(h.path("details").path("store").asText()).isEqualTo("database");
        assertThat(h.path("details").path("quota").asText()).isEqualTo("WARN");
        JsonNode q = h.path("details").path("quotas").path(quota);
        assertThat(q.path("instance").asText()).isEqualTo("dingtalk-test");
        assertThat(q.path("used").asLong()).isEqualTo(4_200);
        assertThat(q.path("level").asText()).isEqualTo("NEAR");
        assertThat(h.path("details").path("quotaWarnings").toString()).contains(quota, "84.0 %");
        assertThat(admin.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");

        // exported as hub_quota_used / hub_quota_limit (this shared test context runs without the Prometheus export)
        assertThat(meters.get("hub.quota.used").tag("quota", quota).tag("instance", "dingtalk-test").gauge().value())
                .isEqualTo(4_200);
        assertThat(meters.get("hub.quota.limit").tag("quota", quota).gauge().value()).isEqualTo(5_000);
    }
}
