package org.aftersaleshub.connector.dingtalk;

import java.time.Clock;
import java.time.YearMonth;

/**
 * {@link DingTalkQuota} counted in this JVM: right for one hub instance and for tests; several instances need the
 * shared store the hub plugs in. The month is DingTalk's, in China time (docs/vendor-apis/dingtalk.md §13.4).
 */
final class InMemoryDingTalkQuota implements DingTalkQuota {

    private final long limit;
    private final Clock clock;
    private YearMonth month;
    private long used;

    InMemoryDingTalkQuota(long limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public synchronized boolean tryAcquire() {
        roll();
        if (used >= limit) {
            return false;
        }
        used++;
        return true;
    }

    @Override
    public synchronized long used() {
        roll();
        return used;
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public synchronized void markUsedUp() {
        roll();
        used = Math.max(used, limit);
    }

    private void roll() {
        YearMonth now = YearMonth.from(clock.instant().atZone(MONTH_ZONE));
        if (!now.equals(month)) {
            month = now;
            used = 0;
        }
    }

    @Override
    public String toString() {
        return "DingTalk monthly quota " + used() + "/" + limit;
    }
}
