package org.aftersaleshub.connector.auth;

/**
 * Where access tokens and sessions live between fetches, shared by every {@link TokenCache} on the same store: the
 * hub's store is its database, so all hub instances use one token per app and fetch a new one once, together (some
 * token endpoints refuse concurrent calls; every fetch counts against the app's limits). Without a hub,
 * {@link InMemoryTokenStore} keeps them in the process.
 *
 * <p>Tokens are text here ({@link TokenCache} converts); a store keeps them from logs, errors and metrics, and the
 * hub's encrypts them at rest. Every change of a key's token (refresh, {@link #put}, {@link #invalidate}) gives it
 * a new {@link Entry#version()}; a refresh is asked for relative to the version the caller saw, so a caller who saw
 * an old token never fetches again after someone else already replaced it.
 */
public interface TokenStore {

    /**
     * What the store holds for a key.
     *
     * @param token   the token, or null when there is none (never fetched, or invalidated)
     * @param version changes with every change of the key's token; 0 for a key never seen
     */
    record Entry(TokenCache.Token<String> token, long version) {
        public static final Entry NONE = new Entry(null, 0);
    }

    /** The key's current token and version; never null. */
    Entry read(TokenCache.Key key);

    /**
     * Replaces the key's token, which the caller saw at version {@code seen}, with one from {@code fetcher} —
     * fetched by exactly one caller among all that share the store (in any process), however many ask at once:
     * <ul>
     *   <li>when the key's version is no longer {@code seen}, someone replaced the token already: that entry is
     *       returned and nothing is fetched;</li>
     *   <li>when nobody else is fetching, this caller fetches and stores the result;</li>
     *   <li>when someone else is fetching: with {@code waitForOthers} the caller waits (bounded by the store) and
     *       returns what that caller stored; without, it returns the current entry at once (an early refresh:
     *       the current token still works).</li>
     * </ul>
     *
     * @return the entry after the refresh; its token may be null only without {@code waitForOthers}
     * @throws Exception the fetcher's own exception when this caller fetched; a {@link RefreshFailedException}
     *                   when the fetch it waited for failed elsewhere or did not end within the store's wait
     */
    Entry refresh(TokenCache.Key key, long seen, TokenCache.Fetcher<String> fetcher, boolean waitForOthers)
            throws Exception;

    /** Stores a token the system handed out on its own (a re-issued session cookie). */
    void put(TokenCache.Key key, TokenCache.Token<String> token);

    /**
     * Drops the key's token if it is still {@code rejected} (the system refused it before its expiry); a no-op when
     * the store already holds another token.
     *
     * @return true when the token was dropped
     */
    boolean invalidate(TokenCache.Key key, String rejected);

    /**
     * A refresh this caller waited for failed in another caller (perhaps another hub instance), or did not finish in
     * time. Retryable: the next call tries again (and may fetch itself).
     */
    final class RefreshFailedException extends Exception {
        public RefreshFailedException(TokenCache.Key key, String why) {
            super("token refresh for " + key + ": " + why);
        }
    }
}
