package org.aftersaleshub.mock.imcrm;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access tokens an IM/CRM platform has issued: per credential key (an app key, an app secret, a token style)
 * the current token, the set of tokens the platform still honours, and the tokens it retired by replacing them.
 * When a key gets a fresh token is each platform's own rule (DingTalk extends a live token, WeCom keeps it, FXiaoKe
 * replaces it after a reuse window); this class only keeps the books those rules work on.
 *
 * <p>Not thread-safe: the owning mock guards it with the same lock as the rest of its state.
 *
 * @param <O> what a token was issued to (an app, an app key, a token style), as the mock wants to read it back
 */
public final class AccessTokens<O> {

    /** One issued token; only its expiry moves (extended on re-fetch, cut short by the admin API). */
    public static final class Token<O> {
        private final String value;
        private final O owner;
        private final long issuedAtMs;
        private long expiresAtMs;

        Token(String value, O owner, long issuedAtMs, long expiresAtMs) {
            this.value = value;
            this.owner = owner;
            this.issuedAtMs = issuedAtMs;
            this.expiresAtMs = expiresAtMs;
        }

        public String value() {
            return value;
        }

        public O owner() {
            return owner;
        }

        public long issuedAtMs() {
            return issuedAtMs;
        }

        public long expiresAtMs() {
            return expiresAtMs;
        }

        /** Moves the expiry (a re-fetch that extends the token's life). */
        public void expireAt(long epochMs) {
            expiresAtMs = epochMs;
        }
    }

    private final Map<String, Token<O>> currentByKey = new HashMap<>();
    private final Map<String, Token<O>> honoured = new HashMap<>();
    private final Set<String> retired = new HashSet<>();

    /** The token last issued for {@code key}, live or not; {@code null} when none (or after {@link #invalidateAll}). */
    public Token<O> current(String key) {
        return currentByKey.get(key);
    }

    /** True while {@code token} is honoured and not yet expired at {@code nowMs}. */
    public boolean isLive(Token<O> token, long nowMs) {
        return token.expiresAtMs > nowMs && honoured.containsKey(token.value);
    }

    /**
     * Issues {@code value} as the new current token of {@code key}. With {@code retirePrevious} the previous
     * current token stops being honoured and is remembered as retired (so it can answer "expired" rather than
     * "invalid"); without it the previous token stays honoured until its own expiry.
     */
    public Token<O> issue(String key, String value, O owner, long nowMs, long expiresAtMs, boolean retirePrevious) {
        Token<O> previous = currentByKey.get(key);
        if (retirePrevious && previous != null && honoured.remove(previous.value) != null) {
            retired.add(previous.value);
        }
        Token<O> token = new Token<>(value, owner, nowMs, expiresAtMs);
        currentByKey.put(key, token);
        honoured.put(value, token);
        return token;
    }

    /** The honoured token with this value (expired or not), or {@code null}. */
    public Token<O> find(String value) {
        return honoured.get(value);
    }

    /** True when {@code value} was replaced by a newer token of its key. */
    public boolean wasRetired(String value) {
        return retired.contains(value);
    }

    /** The current token of every key (a copy). */
    public List<Token<O>> currentTokens() {
        return List.copyOf(currentByKey.values());
    }

    /** Every honoured token (a copy). */
    public Collection<Token<O>> honouredTokens() {
        return List.copyOf(honoured.values());
    }

    /** Admin "expire all": every honoured token expires now at the latest. */
    public void expireAll(long nowMs) {
        honoured.values().forEach(t -> t.expiresAtMs = Math.min(t.expiresAtMs, nowMs));
    }

    /** Admin "invalidate": the platform forgets every token (callers then get "invalid", not "expired"). */
    public void invalidateAll() {
        honoured.clear();
        currentByKey.clear();
    }

    /** Forgets everything, retired tokens included. */
    public void clear() {
        currentByKey.clear();
        honoured.clear();
        retired.clear();
    }
}
