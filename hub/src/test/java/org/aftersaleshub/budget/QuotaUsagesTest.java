package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.auth.InMemoryTokenStore;
import org.aftersaleshub.connector.ratelimit.InMemoryBudgetStore;
import org.aftersaleshub.connector.ratelimit.InMemoryQuotaStore;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Quota metrics and health from the counts, without a Spring context. */
class QuotaUsagesTest {

    static final BudgetsProperties PROPS = new BudgetsProperties(null, null, null, null, 0.8, 1.0, null);

    /** A clock a test sets by hand. */
    static final class SetClock extends Clock {
        Instant now;

        SetClock(String at) {
            now = Instant.parse(at);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final InMemoryQuotaStore store = new InMemoryQuotaStore();
    final SharedState shared = new SharedState(new InMemoryBudgetStore(), new InMemoryTokenStore(), store);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SetClock clock = new SetClock("2026-03-10T02:00:00Z");
    final QuotaUsages usages = new QuotaUsages(store, PROPS, meters, clock);
    final QuotaHealthIndicator health = new QuotaHealthIndicator(usages, shared);

    private QuotaCounter counter(String instance, String name) {
        return new QuotaCounter(store, instance, name, 5_000, clock);
    }

    @Test
    void gaugesAndHealthFollowTheCountsAndWarnFromEightyPercentStayingUp() {
        counter("dingtalk-main", "dingtalk:app1:api-calls").count(1_000);
        counter("dingtalk-east", "dingtalk:app2:api-calls").count(4_000);
        usages.sample();
        assertThat(meters.get("hub.quota.used").tag("instance", "dingtalk-main").gauge().value()).isEqualTo(1_000);
        assertThat(meters.get("hub.quota.limit").tag("quota", "dingtalk:app2:api-calls").gauge().value())
                .isEqualTo(5_000);
        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("quota", "WARN").containsEntry("store", "database");
        assertThat(h.getDetails().get("quotaWarnings").toString()).contains("dingtalk:app2:api-calls (dingtalk-east)",
                "4000 of 5000", "80.0 %", "nearly used").doesNotContain("app1");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> quotas = (Map<String, Map<String, Object>>) h.getDetails().get("quotas");
        assertThat(quotas.get("dingtalk:app1:api-calls")).containsEntry("level", "OK").containsEntry("percent", 20.0)
                .containsEntry("period", "2026-03");

        counter("dingtalk-east", "dingtalk:app2:api-calls").count(1_000);
        usages.sample();
        assertThat(usages.warnings()).singleElement().asString().contains("used up");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aNewMonthStartsAtZeroAndClearsTheWarning() {
        counter("dingtalk-main", "dingtalk:app1:api-calls").count(4_500);
        usages.sample();
        assertThat(health.health().getDetails()).containsEntry("quota", "WARN");
        clock.now = Instant.parse("2026-03-31T16:00:01Z"); // 1 April, 00:00:01 in Beijing
        usages.sample();
        assertThat(usages.snapshot().quotas().get("dingtalk:app1:api-calls")).satisfies(q -> {
            assertThat(q.period()).isEqualTo("2026-04");
            assertThat(q.used()).isZero();
            assertThat(q.limit()).isEqualTo(5_000);
        });
        assertThat(meters.get("hub.quota.used").tag("quota", "dingtalk:app1:api-calls").gauge().value()).isZero();
        assertThat(health.health().getDetails()).containsEntry("quota", "OK");
    }

    @Test
    void thresholdsAreSharesInOrder() {
        assertThatThrownBy(() -> new BudgetsProperties(null, null, null, null, 0.9, 0.8, null))
                .hasMessageContaining("hub.budgets.quota-near");
        assertThat(new BudgetsProperties(null, "s3cret-value", null, null, null, null, null).toString())
                .doesNotContain("s3cret-value");
    }
}
