package org.aftersaleshub.connector.ratelimit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where quota counters keep their counts: calls per quota and period (DingTalk's 5,000 API calls a month per
 * organisation). The hub's store lives in its database, so every hub instance adds to the same count; without a
 * hub, {@link InMemoryQuotaStore} counts in the process. Every implementation adds atomically: concurrent callers
 * never lose an increment, and {@link #addWithinLimit} never lets the count pass the limit.
 */
public interface QuotaStore {

    /**
     * A counted quota.
     *
     * @param name     what is counted, unique in the deployment ({@code dingtalk:<appKey>:api-calls})
     * @param period   the period the count belongs to ({@code 2026-03}); a new period starts from zero
     * @param limit    what the platform allows in the period (kept with the count for operators)
     * @param instance the connector instance that counts it, for metrics ({@code dingtalk-main}); may be empty
     */
    record Quota(String name, String period, long limit, String instance) {
        public Quota {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(period, "period");
            instance = instance == null ? "" : instance;
            if (limit < 0) {
                throw new IllegalArgumentException("a quota's limit is not negative: " + limit);
            }
        }
    }

    /** A quota and its count. */
    record Usage(Quota quota, long used) {

        /** The share of the limit used (1.0 = exhausted; above 1 when calls went past it). */
        public double fraction() {
            return quota.limit() == 0 ? 1.0 : (double) used / quota.limit();
        }

        public boolean exhausted() {
            return used >= quota.limit();
        }
    }

    /**
     * Adds {@code calls} to the quota's count in its period (the calls were made or are about to be).
     *
     * @return the count after adding
     */
    long add(Quota quota, long calls);

    /**
     * Adds {@code calls} only if the count stays within the limit.
     *
     * @return the count after adding, or empty when adding would pass the limit (nothing was added)
     */
    OptionalLong addWithinLimit(Quota quota, long calls);

    /** The count of {@code name} in {@code period}; 0 when nothing was counted. */
    long used(String name, String period);

    /** Every quota counted in {@code period}, for metrics and health. */
    List<Usage> usages(String period);
}
