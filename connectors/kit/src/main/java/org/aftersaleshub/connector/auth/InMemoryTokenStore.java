package org.aftersaleshub.connector.auth;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Tokens of one process (connector tests, plain Camel). Callers that need a refresh while another caller of the
 * same store is fetching wait for that fetch and share its result, or its failure.
 */
public final class InMemoryTokenStore implements TokenStore {

    private static final class Slot {
        TokenCache.Token<String> token;
        long version;
        CompletableFuture<Entry> inFlight;

        Entry entry() {
            return new Entry(token, version);
        }
    }

    private final Map<TokenCache.Key, Slot> slots = new ConcurrentHashMap<>();

    @Override
    public Entry read(TokenCache.Key key) {
        Slot s = slots.get(key);
        if (s == null) {
            return Entry.NONE;
        }
        synchronized (s) {
            return s.entry();
        }
    }

    @Override
    public Entry refresh(TokenCache.Key key, long seen, TokenCache.Fetcher<String> fetcher, boolean waitForOthers)
            throws Exception {
        Slot s = slots.computeIfAbsent(key, k -> new Slot());
        CompletableFuture<Entry> mine;
        CompletableFuture<Entry> theirs;
        synchronized (s) {
            if (s.version != seen) {
                return s.entry();
            }
            if (s.inFlight != null) {
                if (!waitForOthers) {
                    return s.entry();
                }
                theirs = s.inFlight;
                mine = null;
            } else {
                mine = new CompletableFuture<>();
                s.inFlight = mine;
                theirs = null;
            }
        }
        if (theirs != null) {
            try {
                return theirs.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
        }
        try {
            TokenCache.Token<String> fresh = fetcher.fetch();
            Entry after;
            synchronized (s) {
                s.token = fresh;
                s.version++;
                s.inFlight = null;
                after = s.entry();
            }
            mine.complete(after);
            return after;
        } catch (Exception | Error e) {
            synchronized (s) {
                s.inFlight = null;
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void put(TokenCache.Key key, TokenCache.Token<String> token) {
        Slot s = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (s) {
            s.token = token;
            s.version++;
        }
    }

    @Override
    public boolean invalidate(TokenCache.Key key, String rejected) {
        Slot s = slots.get(key);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (s.token != null && Objects.equals(s.token.value(), rejected)) {
                s.token = null;
                s.version++;
                return true;
            }
            return false;
        }
    }
}
