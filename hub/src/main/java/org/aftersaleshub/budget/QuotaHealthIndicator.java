package org.aftersaleshub.budget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.SharedState;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The connectors' quotas ({@code /actuator/health/quotas}, admin key): per quota its connector instance, period,
 * calls used, limit, percent and level, from {@link QuotaUsages}' last sample; {@code quota: OK | WARN} and, when
 * WARN, {@code quotaWarnings} naming each quota nearly or wholly used. Always UP: a used-up quota is no reason to take
 * the instance out of the load balancer (notices go to another channel or wait; IT is told). {@code store} says
 * whether budgets, tokens and counts are shared through the database or kept in this instance's memory.
 */
@Component("quotas")
public class QuotaHealthIndicator implements HealthIndicator {

    private final QuotaUsages usages;
    private final SharedState shared;

    public QuotaHealthIndicator(QuotaUsages usages, SharedState shared) {
        this.usages = usages;
        this.shared = shared;
    }

    @Override
    public Health health() {
        QuotaUsages.Snapshot s = usages.snapshot();
        Health.Builder h = Health.up().withDetail("store", shared.shared() ? "database" : "memory");
        Map<String, Object> quotas = new LinkedHashMap<>();
        s.quotas().values().forEach(q -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("instance", q.instance());
            d.put("period", q.period());
            d.put("used", q.used());
            d.put("limit", q.limit());
            d.put("percent", q.percent());
            d.put("level", q.level().name());
            quotas.put(q.quota(), d);
        });
        h.withDetail("quotas", quotas);
        if (s.sampledAt() != null) {
            h.withDetail("sampledAt", s.sampledAt().toString());
        }
        if (s.error() != null) {
            h.withDetail("error", s.error());
        }
        List<String> warnings = usages.warnings();
        h.withDetail("quota", warnings.isEmpty() ? "OK" : "WARN");
        if (!warnings.isEmpty()) {
            h.withDetail("quotaWarnings", warnings);
        }
        return h.build();
    }
}
