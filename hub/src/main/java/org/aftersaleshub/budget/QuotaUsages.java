package org.aftersaleshub.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.aftersaleshub.connector.ratelimit.QuotaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.aftersaleshub.support.PeriodicSampler;
import org.springframework.stereotype.Component;

/**
 * The connectors' quota counts for this month (all hub instances together), read every
 * {@code hub.budgets.quota-sample-interval} on a thread of its own: exported as {@code hub_quota_used} and
 * {@code hub_quota_limit} with the tags {@code quota} and {@code instance} (the connector instance), shown by the
 * {@code quotas} health, and logged once when a quota becomes nearly used ({@code hub.budgets.quota-near}), used up
 * ({@code hub.budgets.quota-exhausted}) or fine again (a new month). Scrapes and health calls read the last sample.
 * A quota seen in an earlier month stays listed with 0 used until its connector counts again.
 */
@Component
public class QuotaUsages extends PeriodicSampler<QuotaUsages.Snapshot> {

    private static final Logger log = LoggerFactory.getLogger(QuotaUsages.class);

    /** How a quota stands against the thresholds. */
    public enum Level {
        OK, NEAR, EXHAUSTED
    }

    /** One quota at the last sample. */
    public record QuotaState(String quota, String instance, String period, long used, long limit, Level level) {

        /** Used share in percent, one decimal. */
        public double percent() {
            return limit == 0 ? 100.0 : Math.round(1000.0 * used / limit) / 10.0;
        }
    }

    /**
     * The last sample.
     *
     * @param sampledAt null before the first
     * @param quotas    by quota name
     * @param error     why the last sample failed, or null
     */
    public record Snapshot(Instant sampledAt, Map<String, QuotaState> quotas, String error) {
    }

    private final QuotaStore store;
    private final BudgetsProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, QuotaState> known = new ConcurrentHashMap<>();
    private final Set<String> metered = ConcurrentHashMap.newKeySet();
    private volatile Snapshot last = new Snapshot(null, Map.of(), "not sampled yet");

    @Autowired
    public QuotaUsages(SharedState shared, BudgetsProperties props, MeterRegistry meters) {
        this(shared.quotas(), props, meters, Clock.systemUTC());
    }

    QuotaUsages(QuotaStore store, BudgetsProperties props, MeterRegistry meters, Clock clock) {
        super("quota-sampler", props.quotaSampleInterval());
        this.store = store;
        this.props = props;
        this.meters = meters;
        this.clock = clock;
    }

    public Snapshot snapshot() {
        return last;
    }

    /** A sentence per quota that is nearly or wholly used. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (QuotaState q : last.quotas().values()) {
            if (q.level() != Level.OK) {
                out.add(String.format(Locale.ROOT, "%s (%s): %d of %d calls used in %s (%.1f %%)%s", q.quota(),
                        q.instance(), q.used(), q.limit(), q.period(), q.percent(), q.level() == Level.EXHAUSTED
                                ? " — used up; the platform refuses further calls this month" : " — nearly used"));
            }
        }
        return out;
    }

    /** Reads the counts now and replaces the snapshot; the sampler calls it on its schedule. */
    @Override
    public synchronized Snapshot sample() {
        Instant now = clock.instant();
        String period = QuotaCounter.monthOf(now);
        try {
            Map<String, QuotaState> quotas = new LinkedHashMap<>();
            for (QuotaStore.Usage u : store.usages(period)) {
                QuotaStore.Quota q = u.quota();
                quotas.put(q.name(), new QuotaState(q.name(), q.instance(), period, u.used(), q.limit(),
                        level(u.used(), q.limit())));
            }
            known.forEach((name, before) -> quotas.computeIfAbsent(name, n -> new QuotaState(n, before.instance(),
                    period, 0, before.limit(), level(0, before.limit()))));
            quotas.values().forEach(this::noteChange);
            last = new Snapshot(now, Map.copyOf(quotas), null);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (last.error() == null) {
                log.warn("Cannot read the quota counts (metrics show NaN until it works again): {}", why);
            }
            last = new Snapshot(now, Map.of(), why);
        }
        return last;
    }

    private Level level(long used, long limit) {
        double share = limit == 0 ? 1.0 : (double) used / limit;
        return share >= props.quotaExhausted() ? Level.EXHAUSTED : share >= props.quotaNear() ? Level.NEAR : Level.OK;
    }

    /** Logs a quota's level when it changes, registers its meters when it is new, and remembers it. */
    private void noteChange(QuotaState q) {
        QuotaState before = known.put(q.quota(), q);
        Level was = before == null ? Level.OK : before.level();
        if (q.level() != was) {
            if (q.level() == Level.OK) {
                log.info("Quota {} ({}) is fine again: {} of {} calls used in {}", q.quota(), q.instance(), q.used(),
                        q.limit(), q.period());
            } else {
                log.warn("Quota {} ({}) is {}: {} of {} calls used in {} ({} %)", q.quota(), q.instance(),
                        q.level() == Level.NEAR ? "nearly used" : "used up", q.used(), q.limit(), q.period(),
                        q.percent());
            }
        }
        if (metered.add(q.quota())) {
            gauge("hub.quota.used", q, "Calls counted against the quota this period, all hub instances together",
                    QuotaState::used);
            gauge("hub.quota.limit", q, "Calls the platform allows per period", QuotaState::limit);
        }
    }

    private void gauge(String name, QuotaState q, String description, ToDoubleFunction<QuotaState> f) {
        String quota = q.quota();
        Gauge.builder(name, this, u -> {
            QuotaState s = u.last.quotas().get(quota);
            return s == null ? Double.NaN : f.applyAsDouble(s);
        }).tag("quota", quota).tag("instance", q.instance()).description(description).register(meters);
    }
}
