package org.aftersaleshub.connector.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monthly API quota (docs/vendor-apis/dingtalk.md §3, §13.4): business calls counted, token and contacts calls
 * not; nothing sent once it is used up, whether the count or DingTalk says so; a shared store plugged in.
 */
class DingTalkQuotaTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private DingTalkFixture fixture;
    private DingTalkConnector connector;

    @BeforeEach
    void start() {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private DingTalkConnector started(Map<String, String> extra) {
        Map<String, String> c = fixture.config();
        c.putAll(extra);
        connector = new DingTalkConnector();
        connector.start(c);
        return connector;
    }

    private static WorkNotice notice(String text) {
        return new WorkNotice(text, List.of("ding_user_001"), WorkNotice.Type.TEXT, null, text);
    }

    @SuppressWarnings("unchecked")
    private long mockQuotaUsed() {
        return ((Number) ((Map<String, Object>) fixture.mock().state().get("apiQuota")).get("used")).longValue();
    }

    @Test
    void workNoticesCountTokenAndContactsCallsDoNot() {
        DingTalkConnector c = started(Map.of());
        c.departments();
        c.users();
        assertThat(c.quota().used()).isZero();
        c.sendWorkNotice(notice("工单 Q-1"));
        assertThat(c.quota().used()).as("asyncsend_v2 and getsendresult").isEqualTo(2);
        assertThat(c.quota().limit()).isEqualTo(5000);
        assertThat(mockQuotaUsed()).as("the mock counted the same calls").isEqualTo(2);
    }

    @Test
    void whenTheCountReachesTheLimitNothingIsSent() {
        DingTalkConnector c = started(Map.of("dingtalk.monthly-api-quota", "3"));
        c.sendWorkNotice(notice("工单 Q-2"));
        long before = fixture.mock().requests().total();
        assertThatThrownBy(() -> c.sendWorkNotice(notice("工单 Q-3")))
                .isInstanceOfSatisfying(DingTalkLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(DingTalkLimitException.Limit.MONTHLY_QUOTA);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).isPositive();
                });
        // the third call (asyncsend_v2 of Q-3) was counted and sent; its getsendresult was refused
        assertThat(fixture.mock().requests().total() - before).isEqualTo(1);
        assertThat(c.quota().used()).isEqualTo(3);
        assertThat(c.quota().nearlyUsed(0.9)).isTrue();
        assertThat(fixture.noticesTo("ding_user_001", "Q-3")).isEqualTo(1);
    }

    @Test
    void whenDingTalkSaysTheQuotaIsUsedUpTheRestOfTheMonthCountsAsUsed() {
        fixture.admin("config", "{\"monthlyApiQuota\":1}");
        DingTalkConnector c = started(Map.of());
        assertThatThrownBy(() -> c.sendWorkNotice(notice("工单 Q-4")))
                .isInstanceOfSatisfying(DingTalkLimitException.class, e -> assertThat(e.limit())
                        .isEqualTo(DingTalkLimitException.Limit.MONTHLY_QUOTA))
                .hasMessageContaining("90020");
        assertThat(c.quota().remaining()).isZero();
        long before = fixture.mock().requests().total();
        assertThatThrownBy(() -> c.sendWorkNotice(notice("工单 Q-5"))).isInstanceOf(DingTalkLimitException.class);
        assertThat(fixture.mock().requests().total()).isEqualTo(before);
    }

    @Test
    void aSharedStoreCountsTheCallsOfEveryInstance() {
        AtomicLong shared = new AtomicLong();
        DingTalkQuota.Factory store = (appKey, limit) -> new DingTalkQuota() {
            @Override
            public synchronized boolean tryAcquire() {
                if (shared.get() >= limit) {
                    return false;
                }
                shared.incrementAndGet();
                return true;
            }

            @Override
            public long used() {
                return shared.get();
            }

            @Override
            public long limit() {
                return limit;
            }

            @Override
            public void markUsedUp() {
                shared.set(limit);
            }
        };
        DingTalkConnector a = started(Map.of());
        a.useQuota(store);
        DingTalkConnector b = new DingTalkConnector();
        b.useQuota(store);
        b.start(fixture.config());
        try {
            a.sendWorkNotice(notice("工单 Q-6"));
            b.sendWorkNotice(notice("工单 Q-7"));
            assertThat(shared.get()).isEqualTo(4);
            assertThat(a.quota().used()).isEqualTo(4);
        } finally {
            b.stop();
        }
    }

    @Test
    void theInMemoryCountStartsAgainInANewChinaMonth() {
        AtomicReference<Instant> now = new AtomicReference<>(
                ZonedDateTime.parse("2026-12-31T23:59:00+08:00").toInstant());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        DingTalkQuota q = DingTalkQuota.counted(clock).create("app", 2);
        assertThat(q.tryAcquire()).isTrue();
        assertThat(q.tryAcquire()).isTrue();
        assertThat(q.tryAcquire()).isFalse();
        assertThat(q.used()).isEqualTo(2);
        now.set(ZonedDateTime.parse("2027-01-01T00:00:00+08:00").toInstant()); // still 2026-12-31 in UTC
        assertThat(q.used()).isZero();
        assertThat(q.tryAcquire()).isTrue();
    }
}
