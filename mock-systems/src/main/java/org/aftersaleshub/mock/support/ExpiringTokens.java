package org.aftersaleshub.mock.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access tokens an ERP gateway issued and when each stops being honoured (U8, YonBIP: one expiry per token, no
 * refresh). Not thread-safe: the owning mock guards it with its own lock.
 */
public final class ExpiringTokens {

    private final Map<String, Instant> expiries = new LinkedHashMap<>();

    public void issue(String token, Instant expiresAt) {
        expiries.put(token, expiresAt);
    }

    /** True when {@code token} was issued and has not expired at {@code now}. */
    public boolean isLive(String token, Instant now) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && expiry.isAfter(now);
    }

    public int liveCount(Instant now) {
        return (int) expiries.values().stream().filter(e -> e.isAfter(now)).count();
    }

    /** Every token issued so far stops working (a server restart, an admin revoking them); returns how many. */
    public int expireAll() {
        expiries.replaceAll((token, expiry) -> Instant.EPOCH);
        return expiries.size();
    }

    public void clear() {
        expiries.clear();
    }
}
