package org.aftersaleshub.connector.dingtalk;

import org.aftersaleshub.connector.ratelimit.QuotaCounter;

/**
 * {@link DingTalkQuota} on the kit's {@link QuotaCounter}: in the hub the count lives in its database, so every hub
 * instance counts against one month's quota; elsewhere it is counted in this JVM. The month is DingTalk's, in China
 * time (docs/vendor-apis/dingtalk.md §13.4).
 */
final class CountedDingTalkQuota implements DingTalkQuota {

    private final QuotaCounter counter;
    private final long limit;

    CountedDingTalkQuota(QuotaCounter counter, long limit) {
        this.counter = counter;
        this.limit = limit;
    }

    @Override
    public boolean tryAcquire() {
        return counter.tryCount(1).isPresent();
    }

    @Override
    public long used() {
        return counter.usage().used();
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public void markUsedUp() {
        long left = limit - used();
        if (left > 0) {
            counter.count(left);
        }
    }

    @Override
    public String toString() {
        return "DingTalk monthly quota " + used() + "/" + limit;
    }
}
