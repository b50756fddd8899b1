package org.aftersaleshub.connector.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens and sessions per (system, tenant, app), shared by all threads of a connector:
 * <ul>
 *   <li><b>early refresh</b> — a token within {@code refreshAhead} of its expiry is refreshed by one caller while the
 *       others keep using it; an expired or missing token makes everyone wait for the refresh;</li>
 *   <li><b>single flight</b> — concurrent callers that need a refresh wait for the same fetch, so a burst of 50
 *       calls after expiry logs in once;</li>
 *   <li><b>invalidate on auth error</b> — {@link #invalidate(Key, Object)} drops a token the system rejected, unless
 *       another thread already replaced it (so one rejected call does not throw away a fresh token).</li>
 * </ul>
 *
 * @param <T> the token type (a session id, an access token, a cookie set)
 */
public final class TokenCache<T> {

    /** Whose token: system ({@code kingdee}), tenant (account set, corp id) and app (app id, user). */
    public record Key(String system, String tenant, String app) {
        @Override
        public String toString() {
            return system + "/" + tenant + "/" + app;
        }
    }

    /** A token and when it stops being valid ({@link Instant#MAX} when the system publishes no lifetime). */
    public record Token<T>(T value, Instant expiresAt) {
        public Token {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Obtains a new token (log in, call the token endpoint). May throw; waiters then see the same failure. */
    @FunctionalInterface
    public interface Fetcher<T> {
        Token<T> fetch() throws Exception;
    }

    private final class Slot {
        Token<T> token;
        CompletableFuture<Token<T>> inFlight;
        Instant lastRefresh;
        final AtomicLong refreshes = new AtomicLong();
    }

    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration refreshAhead;

    /**
     * @param clock        time source (tests pass a controllable one)
     * @param refreshAhead how long before expiry a token is refreshed in the background of one caller
     */
    public TokenCache(Clock clock, Duration refreshAhead) {
        this.clock = clock;
        this.refreshAhead = refreshAhead;
    }

    /**
     * A valid token for {@code key}, fetching one (once, for all concurrent callers) when needed.
     *
     * @throws TokenFetchException when the fetch failed (its cause is the fetcher's exception)
     */
    public T get(Key key, Fetcher<T> fetcher) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        CompletableFuture<Token<T>> mine = null;
        CompletableFuture<Token<T>> theirs;
        T stillValid = null;
        synchronized (slot) {
            Instant now = clock.instant();
            Token<T> t = slot.token;
            if (t != null && now.isBefore(t.expiresAt().minus(refreshAhead))) {
                return t.value();
            }
            if (t != null && now.isBefore(t.expiresAt())) {
                stillValid = t.value();
            }
            if (slot.inFlight == null) {
                mine = new CompletableFuture<>();
                slot.inFlight = mine;
            } else if (stillValid != null) {
                return stillValid; // someone is refreshing early; keep using the valid token
            }
            theirs = slot.inFlight;
        }
        if (mine != null) {
            try {
                Token<T> fresh = fetcher.fetch();
                synchronized (slot) {
                    slot.token = fresh;
                    slot.inFlight = null;
                    slot.lastRefresh = clock.instant();
                    slot.refreshes.incrementAndGet();
                }
                mine.complete(fresh);
                return fresh.value();
            } catch (Exception e) {
                synchronized (slot) {
                    slot.inFlight = null;
                }
                mine.completeExceptionally(e);
                if (stillValid != null) {
                    return stillValid; // an early refresh failed; the old token still works for now
                }
                throw new TokenFetchException(key, e);
            }
        }
        try {
            return theirs.get().value();
        } catch (ExecutionException | CompletionException e) {
            throw new TokenFetchException(key, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFetchException(key, e);
        }
    }

    /** Stores a token the system handed out on its own (a re-issued session cookie). */
    public void put(Key key, Token<T> token) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            slot.token = token;
        }
    }

    /**
     * Drops {@code rejected} after the system refused it; a no-op when the cache already holds another token.
     *
     * @return true when the token was dropped
     */
    public boolean invalidate(Key key, T rejected) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            if (slot.token != null && Objects.equals(slot.token.value(), rejected)) {
                slot.token = null;
                return true;
            }
            return false;
        }
    }

    /** Drops every token (stop, reconfiguration). */
    public void clear() {
        slots.clear();
    }

    /** How many fetches completed for {@code key} since the cache was created. */
    public long refreshCount(Key key) {
        Slot slot = slots.get(key);
        return slot == null ? 0 : slot.refreshes.get();
    }

    /**
     * What the cache knows about {@code key}'s token, for operators: when it expires and when it was last fetched
     * (never the token itself). Fields are null when there is none yet.
     */
    public record State(Instant expiresAt, Instant lastRefresh, long refreshes) {
    }

    public State state(Key key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return new State(null, null, 0);
        }
        synchronized (slot) {
            return new State(slot.token == null ? null : slot.token.expiresAt(), slot.lastRefresh,
                    slot.refreshes.get());
        }
    }

    /** Thrown by {@link #get} when obtaining a token failed. */
    public static final class TokenFetchException extends RuntimeException {
        public TokenFetchException(Key key, Throwable cause) {
            super("could not obtain a token for " + key + ": " + (cause == null ? "" : cause.getMessage()), cause);
        }
    }
}
