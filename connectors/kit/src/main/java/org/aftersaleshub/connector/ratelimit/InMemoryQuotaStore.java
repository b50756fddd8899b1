package org.aftersaleshub.connector.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Quota counts of one process (connector tests, plain Camel, a hub without a database store). */
public final class InMemoryQuotaStore implements QuotaStore {

    private record Key(String name, String period) {
    }

    private final Map<Key, Usage> counts = new ConcurrentHashMap<>();

    @Override
    public long add(Quota quota, long calls) {
        return counts.merge(new Key(quota.name(), quota.period()), new Usage(quota, calls),
                (old, add) -> new Usage(quota, old.used() + calls)).used();
    }

    @Override
    public OptionalLong addWithinLimit(Quota quota, long calls) {
        Key key = new Key(quota.name(), quota.period());
        boolean[] added = {false};
        Usage after = counts.compute(key, (k, old) -> {
            long used = old == null ? 0 : old.used();
            if (used + calls > quota.limit()) {
                return old;
            }
            added[0] = true;
            return new Usage(quota, used + calls);
        });
        return added[0] ? OptionalLong.of(after.used()) : OptionalLong.empty();
    }

    @Override
    public long used(String name, String period) {
        Usage u = counts.get(new Key(name, period));
        return u == null ? 0 : u.used();
    }

    @Override
    public List<Usage> usages(String period) {
        List<Usage> out = new ArrayList<>();
        counts.forEach((k, u) -> {
            if (k.period().equals(period)) {
                out.add(u);
            }
        });
        return out;
    }
}
