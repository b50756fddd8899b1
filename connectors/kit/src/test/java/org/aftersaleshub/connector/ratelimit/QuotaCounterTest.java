package org.aftersaleshub.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QuotaCounterTest {

    @Test
    void monthsAreChinaCalendarMonths() {
        assertThat(QuotaCounter.monthOf(Instant.parse("2026-03-31T15:59:59Z"))).isEqualTo("2026-03");
        assertThat(QuotaCounter.monthOf(Instant.parse("2026-03-31T16:00:00Z"))).as("00:00 on 1 April in Beijing")
                .isEqualTo("2026-04");
    }

    @Test
    void countsAndRefusesPastTheMonthlyLimit() {
        QuotaStore store = new InMemoryQuotaStore();
        Clock march = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
        QuotaCounter counter = new QuotaCounter(store, "dingtalk-main", "dingtalk:app:api-calls", 5, march);
        assertThat(counter.count(3).used()).isEqualTo(3);
        assertThat(counter.tryCount(2)).get().satisfies(u -> {
            assertThat(u.used()).isEqualTo(5);
            assertThat(u.exhausted()).isTrue();
            assertThat(u.quota().period()).isEqualTo("2026-03");
            assertThat(u.quota().instance()).isEqualTo("dingtalk-main");
        });
        assertThat(counter.tryCount(1)).isEmpty();
        assertThat(counter.usage().used()).isEqualTo(5);
        Clock april = Clock.fixed(Instant.parse("2026-04-10T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new QuotaCounter(store, "dingtalk-main", "dingtalk:app:api-calls", 5, april).tryCount(1))
                .as("a new month starts from zero").get().extracting(QuotaStore.Usage::used).isEqualTo(1L);
    }
}
