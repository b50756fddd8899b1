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
import org.aftersaleshub.connector.SharedState;

/**
 * Tokens and sessions per (system, tenant, app), shared by all threads of a connector — and, through its
 * {@link TokenStore}, by every process on the same store (the hub's database: all hub instances):
 * <ul>
 *   <li><b>early refresh</b> — a token within {@code refreshAhead} of its expiry is refreshed by one caller while the
 *       others keep using it; an expired or missing token makes everyone wait for the refresh;</li>
 *   <li><b>single flight</b> — concurrent callers that need a refresh wait for the same fetch, so a burst of 50
 *       calls after expiry logs in once: within the process through one shared future, across processes through
 *       the store ({@link TokenStore#refresh});</li>
 *   <li><b>invalidate on auth error</b> — {@link #invalidate(Key, Object)} drops a token the system rejected, here
 *       and in the store, unless another thread or process already replaced it (so one rejected call does not throw
 *       away a fresh token).</li>
 * </ul>
 * A valid token is kept in the process too, so a call reads the store only when its token is due for a refresh.
 *
 * <p>Built while a connector instance starts, the cache uses the deployment's store ({@link SharedState#current()});
 * elsewhere a store of its own in memory, which is exactly the single-process cache it always was. A shared store
 * holds text: the token type of a cache on it is {@code String} (other types need their own store).
 *
 * @param <T> the token type (a session id, an access token)
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

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]"; // never the value
        }
    }

    /** Obtains a new token (log in, call the token endpoint). May throw; waiters then see the same failure. */
    @FunctionalInterface
    public interface Fetcher<T> {
        Token<T> fetch() throws Exception;
    }

    private final class Slot {
        Token<T> token;
        /** The last token the system refused here: never taken from the store again (it may lag behind). */
        T rejected;
        CompletableFuture<Token<T>> inFlight;
        Instant lastRefresh;
        final AtomicLong refreshes = new AtomicLong();
    }

    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final TokenStore store;
    private final Clock clock;
    private final Duration refreshAhead;

    /**
     * A cache on the deployment's store ({@link SharedState#current()}).
     *
     * @param clock        time source (tests pass a controllable one)
     * @param refreshAhead how long before expiry a token is refreshed in the background of one caller
     */
    public TokenCache(Clock clock, Duration refreshAhead) {
        this(SharedState.current().tokens(), clock, refreshAhead);
    }

    /** A cache on {@code store}. */
    public TokenCache(TokenStore store, Clock clock, Duration refreshAhead) {
        this.store = store;
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
            if (t != null && fresh(t.expiresAt(), now)) {
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
                Token<T> current = fromStore(key, fetcher, slot);
                synchronized (slot) {
                    if (!Objects.equals(current.value(), slot.rejected)) {
                        slot.token = current; // a token refused meanwhile by another thread is not kept
                    }
                    slot.inFlight = null;
                }
                mine.complete(current);
                return current.value();
            } catch (Exception e) {
                synchronized (slot) {
                    slot.inFlight = null;
                }
                mine.completeExceptionally(e);
                if (stillValid != null) {
                    return stillValid; // an early refresh failed; the old token still works for now
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
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

    /**
     * The store's token when it is fresh (another thread or process refreshed it), else a refresh through the store;
     * a valid token either way. A token refused here is never taken from the store (whose invalidation may not have
     * happened yet): it is replaced. A token dropped again right after a refresh is asked for once more, then given
     * up.
     */
    private Token<T> fromStore(Key key, Fetcher<T> fetcher, Slot slot) throws Exception {
        TokenStore.Entry entry = store.read(key);
        for (int round = 1; ; round++) {
            Instant now = clock.instant();
            Token<String> held = entry.token();
            synchronized (slot) {
                if (held != null && Objects.equals(held.value(), slot.rejected)) {
                    held = null;
                }
            }
            if (held != null && fresh(held.expiresAt(), now)) {
                return decode(held);
            }
            boolean usable = held != null && now.isBefore(held.expiresAt());
            entry = store.refresh(key, entry.version(), () -> encode(fetchCounted(fetcher, slot)), !usable);
            Token<String> after = entry.token();
            if (after != null && clock.instant().isBefore(after.expiresAt())) {
                return decode(after);
            }
            if (round == 3) {
                throw new IllegalStateException("no valid token after " + round + " refreshes (each was dropped or "
                        + "had expired when it arrived)");
            }
        }
    }

    private Token<T> fetchCounted(Fetcher<T> fetcher, Slot slot) throws Exception {
        Token<T> fresh = fetcher.fetch();
        synchronized (slot) {
            if (Objects.equals(fresh.value(), slot.rejected)) {
                slot.rejected = null; // the system handed the same token out again: it is good
            }
            slot.lastRefresh = clock.instant();
            slot.refreshes.incrementAndGet();
        }
        return fresh;
    }

    private boolean fresh(Instant expiresAt, Instant now) {
        return now.isBefore(expiresAt.minus(refreshAhead));
    }

    /** Stores a token the system handed out on its own (a re-issued session cookie). */
    public void put(Key key, Token<T> token) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            slot.token = token;
        }
        store.put(key, encode(token));
    }

    /**
     * Drops {@code rejected} after the system refused it, in this process and in the store; a no-op where another
     * token is held already.
     *
     * @return true when the token was dropped here or in the store
     */
    public boolean invalidate(Key key, T rejected) {
        boolean dropped = false;
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            slot.rejected = rejected;
            if (slot.token != null && Objects.equals(slot.token.value(), rejected)) {
                slot.token = null;
                dropped = true;
            }
        }
        return rejected != null && store.invalidate(key, text(rejected)) || dropped;
    }

    /** Forgets every token this process holds (stop, reconfiguration); the store keeps them for other processes. */
    public void clear() {
        slots.clear();
    }

    /** How many fetches this cache completed for {@code key} since it was created. */
    public long refreshCount(Key key) {
        Slot slot = slots.get(key);
        return slot == null ? 0 : slot.refreshes.get();
    }

    /**
     * What the cache knows about {@code key}'s token, for operators: when it expires and when this cache last fetched
     * it (never the token itself). Fields are null when there is none yet.
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

    private static Token<String> encode(Token<?> token) {
        return new Token<>(text(token.value()), token.expiresAt());
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("a token store holds text tokens; got a " + value.getClass().getName());
    }

    @SuppressWarnings("unchecked") // a store holds only what encode() gave it: text, and T is String for such caches
    private Token<T> decode(Token<String> token) {
        return (Token<T>) token;
    }

    /** Thrown by {@link #get} when obtaining a token failed. */
    public static final class TokenFetchException extends RuntimeException {
        public TokenFetchException(Key key, Throwable cause) {
            super("could not obtain a token for " + key + ": " + (cause == null ? "" : cause.getMessage()), cause);
        }
    }
}
