package org.aftersaleshub.connector.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.aftersaleshub.connector.SharedState;

/**
 * A monthly call quota of one app (DingTalk's standard edition: 5,000 calls a month, token and contacts APIs not
 * counted — docs/vendor-apis/dingtalk.md §3): count the calls as they are made, ask how much is left, or take calls
 * only while the quota lasts. Months are calendar months in China time ({@link #ZONE}), as the platforms reset them.
 *
 * <p>Built while a connector instance starts, the counter uses the deployment's {@link QuotaStore}
 * ({@link SharedState#current()}): in the hub its database, so every hub instance adds to one count, and the hub
 * shows it as {@code hub_quota_used} / {@code hub_quota_limit} and in its health.
 */
public final class QuotaCounter {

    /** The zone whose calendar months the platforms count in. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final QuotaStore store;
    private final String instance;
    private final String name;
    private final long monthlyLimit;
    private final Clock clock;

    /** A counter on the deployment's store, labelled with the connector instance being started. */
    public QuotaCounter(String name, long monthlyLimit, Clock clock) {
        this(SharedState.current(), name, monthlyLimit, clock);
    }

    private QuotaCounter(SharedState state, String name, long monthlyLimit, Clock clock) {
        this(state.quotas(), state.instance(), name, monthlyLimit, clock);
    }

    /**
     * @param instance     the connector instance counting, for metrics (may be empty)
     * @param name         the quota's name, unique in the deployment ({@code dingtalk:<appKey>:api-calls})
     * @param monthlyLimit calls allowed per month
     */
    public QuotaCounter(QuotaStore store, String instance, String name, long monthlyLimit, Clock clock) {
        this.store = store;
        this.instance = instance == null ? "" : instance;
        this.name = name;
        this.monthlyLimit = monthlyLimit;
        this.clock = clock;
    }

    /** The period key of the month {@code at} falls in ({@code 2026-03}). */
    public static String monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZONE)).toString();
    }

    /** Counts {@code calls} made now; returns the month's usage after them. */
    public QuotaStore.Usage count(long calls) {
        QuotaStore.Quota q = quota();
        return new QuotaStore.Usage(q, store.add(q, calls));
    }

    /**
     * Counts {@code calls} only if the month's quota still holds them.
     *
     * @return the usage after them, or empty when they would pass the limit (nothing counted: do not call)
     */
    public Optional<QuotaStore.Usage> tryCount(long calls) {
        QuotaStore.Quota q = quota();
        var after = store.addWithinLimit(q, calls);
        return after.isPresent() ? Optional.of(new QuotaStore.Usage(q, after.getAsLong())) : Optional.empty();
    }

    /** This month's usage so far. */
    public QuotaStore.Usage usage() {
        QuotaStore.Quota q = quota();
        return new QuotaStore.Usage(q, store.used(name, q.period()));
    }

    public String name() {
        return name;
    }

    private QuotaStore.Quota quota() {
        return new QuotaStore.Quota(name, monthOf(clock.instant()), monthlyLimit, instance);
    }
}
