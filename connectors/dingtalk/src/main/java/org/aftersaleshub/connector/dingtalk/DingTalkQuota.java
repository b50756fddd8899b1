package org.aftersaleshub.connector.dingtalk;

import java.time.Clock;
import java.time.ZoneId;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;

/**
 * The organisation's monthly server-API quota (docs/vendor-apis/dingtalk.md §3, §13.4): the standard edition allows
 * 5 000 calls a calendar month; token and contacts calls are not counted, work notices and cards are. The connector
 * counts every call it sends through {@link #tryAcquire()} and sends nothing once the month's limit is reached.
 *
 * <p>Independent of the kit on purpose: the hub shows {@link #used()} against {@link #limit()} in health and metrics,
 * and plugs in a store shared by all hub instances ({@link DingTalkConnector#useQuota(Factory)}); the default
 * ({@link #counted(Clock)}) counts in the deployment's shared store. Implementations must be thread-safe.
 */
public interface DingTalkQuota {

    /** The months are DingTalk's: calendar months in China time. */
    ZoneId MONTH_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Counts one call of the current month, unless the month's limit is already reached.
     *
     * @return false when nothing was counted because the quota is used up (the call must not be sent)
     */
    boolean tryAcquire();

    /** Calls counted this month (after a month change: 0). */
    long used();

    /** The configured calls per month ({@code dingtalk.monthly-api-quota}). */
    long limit();

    /**
     * DingTalk said the quota is used up (90020 / 403 {@code ApiCountLimitForOrg}) although the count is below the
     * limit — other applications of the organisation share it: count the rest of the month as used.
     */
    void markUsedUp();

    /** Calls left this month. */
    default long remaining() {
        return Math.max(0, limit() - used());
    }

    /** True when at least {@code fraction} (0..1) of the month's quota is used, for the "nearly used" alert. */
    default boolean nearlyUsed(double fraction) {
        return used() >= Math.ceil(limit() * fraction);
    }

    /** Makes the quota of one connector instance. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param appKey       the instance's app key (the counter is per organisation; one app key belongs to one)
         * @param monthlyLimit the configured limit
         */
        DingTalkQuota create(String appKey, long monthlyLimit);
    }

    /**
     * The default: the kit's monthly counter, made while the connector instance starts, so it counts in the
     * deployment's shared store (the hub's database) or else in this JVM.
     */
    static Factory counted(Clock clock) {
        return (appKey, limit) -> new CountedDingTalkQuota(
                new QuotaCounter("dingtalk:" + appKey + ":api-calls", limit, clock), limit);
    }
}
