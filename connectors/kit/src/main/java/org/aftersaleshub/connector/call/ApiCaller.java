package org.aftersaleshub.connector.call;

import java.time.Duration;
import java.time.Instant;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.InMemoryTokenStore;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.http.Backoff;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call loop every connector uses, per connector instance: <b>budget → credential → send → classify →
 * re-auth once → backoff</b>, bounded by the instance's {@code max-attempts}.
 * <ul>
 *   <li>A permit of the instance's rate budget is taken first; none within the request timeout → RETRYABLE. The
 *       budget and the token cache are the deployment's shared ones when the caller is built while the instance
 *       starts ({@link org.aftersaleshub.connector.SharedState}): all hub instances draw from one budget.</li>
 *   <li>The credential (token, session) comes from the instance's {@link TokenCache}: one fetch at a time for all
 *       threads; a fetch that fails retryably is backed off and tried again within the bound.</li>
 *   <li>The connector's {@link Call#classify} judges the answer ({@link Verdict}). A rejected credential is dropped
 *       and the call repeated once with a new one (safe also for writes: the system refused before doing
 *       anything). A certainly-not-done answer (refused connection, 503, 429) is backed off and repeated; an
 *       unknown outcome is repeated only for reads — for a write it is thrown, and the hub redelivers with the
 *       same idempotency key, which the connector reconciles before writing again.</li>
 * </ul>
 * Every problem text passes through the instance's {@link SecretMasker}.
 *
 * @param <C> the credential type (a session id, an access token); {@link Credentials#none()} for APIs that send
 *            the same credentials on every call
 */
public final class ApiCaller<C> {

    private static final Logger log = LoggerFactory.getLogger(ApiCaller.class);

    /** One call: how to send it with a credential and how to read the answer. */
    public interface Call<C, R> {
        /** Short name for messages ({@code otherout/add}, {@code Save}). */
        String name();

        /** True when the call changes the external system (an unknown outcome is then not repeated here). */
        boolean write();

        HttpResult send(C credential);

        Verdict<R> classify(HttpResult result);
    }

    /** Where credentials come from: a cache key and how to fetch one. */
    public record Credentials<C>(TokenCache<C> cache, TokenCache.Key key, TokenCache.Fetcher<C> fetcher) {

        /** For APIs whose credentials never expire (user + password on every call): nothing to fetch. */
        public static Credentials<String> none(String system) {
            return new Credentials<>(new TokenCache<>(new InMemoryTokenStore(), java.time.Clock.systemUTC(),
                    Duration.ZERO),
                    new TokenCache.Key(system, "-", "-"), () -> new TokenCache.Token<>("", Instant.MAX));
        }
    }

    /** What an operator may see of the instance's calls (never the credential). */
    public record Status(Instant credentialExpiresAt, Instant lastCredentialRefresh, long credentialRefreshes,
                         int requestsPerSecond, int permitsLeftThisSecond) {
    }

    private final String system;
    private final CommonKeys.Values limits;
    private final HttpTransport transport;
    private final RateBudgets budgets;
    private final String budgetKey;
    private final Backoff backoff;
    private final Credentials<C> credentials;
    private final SecretMasker masker;

    /**
     * @param system      connector name, for messages and the budget key
     * @param instance    the instance's identity within the system (app key, account set), for the budget key
     * @param limits      the instance's common keys
     * @param credentials its token cache, key and fetcher
     * @param masker      masks the instance's secrets
     */
    public ApiCaller(String system, String instance, CommonKeys.Values limits, Credentials<C> credentials,
                     SecretMasker masker) {
        this.system = system;
        this.limits = limits;
        this.transport = new HttpTransport(limits.connectTimeout(), limits.timeout(), masker);
        this.budgets = new RateBudgets(limits.requestsPerSecond(), Duration.ofSeconds(1), limits.timeout());
        this.budgetKey = RateBudgets.key(system, instance, "api");
        this.backoff = new Backoff(limits.backoffInitial(), limits.backoffMax());
        this.credentials = credentials;
        this.masker = masker;
    }

    /** The instance's HTTP transport (GET and POST, classified), for calls that need no credential. */
    public HttpTransport http() {
        return transport;
    }

    public SecretMasker masker() {
        return masker;
    }

    public Backoff backoff() {
        return backoff;
    }

    public CommonKeys.Values limits() {
        return limits;
    }

    /** A valid credential now (fetched once for all callers when needed); for the connectivity check. */
    public C credential() {
        try {
            return credentials.cache().get(credentials.key(), credentials.fetcher());
        } catch (TokenCache.TokenFetchException e) {
            if (e.getCause() instanceof ConnectorException ce) {
                throw ce;
            }
            throw new ConnectorException(system, Outcome.RETRYABLE, "credential: "
                    + masker.mask(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())));
        }
    }

    /** Drops a credential the system reported lost outside a {@link #call} (a session cookie replaced, say). */
    public void invalidate(C rejected) {
        credentials.cache().invalidate(credentials.key(), rejected);
    }

    /** Stores a credential the system handed out on its own (a re-issued session). */
    public void store(C credential, Instant expiresAt) {
        credentials.cache().put(credentials.key(), new TokenCache.Token<>(credential, expiresAt));
    }

    /** Credentials fetched since the instance started. */
    public long credentialRefreshes() {
        return credentials.cache().refreshCount(credentials.key());
    }

    public Status status() {
        TokenCache.State s = credentials.cache().state(credentials.key());
        return new Status(s.expiresAt() == Instant.MAX ? null : s.expiresAt(), s.lastRefresh(), s.refreshes(),
                limits.requestsPerSecond(), budgets.available(budgetKey));
    }

    /**
     * Runs {@code call} through the loop (see the class comment).
     *
     * @return the final reply
     * @throws ConnectorException when no final answer came within the bound; its outcome tells the hub whether a
     *         redelivery (with the same key) can help
     */
    public <R> R call(Call<C, R> call) {
        int max = limits.maxAttempts();
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            if (!budgets.acquire(budgetKey)) {
                throw new ConnectorException(system, Outcome.RETRYABLE, call.name() + ": no call budget ("
                        + limits.requestsPerSecond() + "/s) within " + limits.timeout().toMillis() + " ms");
            }
            C credential;
            try {
                credential = credential();
            } catch (ConnectorException e) {
                if (e.isRetryable() && attempt < max) {
                    backoff.pause(attempt, null);
                    continue;
                }
                throw e;
            }
            Verdict<R> v = call.classify(call.send(credential));
            switch (v.kind()) {
                case FINAL -> {
                    return v.reply();
                }
                case CREDENTIAL_REJECTED -> {
                    invalidate(credential);
                    if (!reauthenticated) {
                        log.debug("{} {}: credential rejected ({}); fetching a new one", system, call.name(),
                                masker.mask(v.problem()));
                        reauthenticated = true;
                        attempt--;
                        continue;
                    }
                    throw new ConnectorException(system, Outcome.RETRYABLE, call.name()
                            + ": credential rejected twice: " + masker.mask(v.problem()));
                }
                default -> {
                    Outcome o = v.outcome();
                    boolean repeatable = o == Outcome.RETRYABLE || (!call.write() && o == Outcome.OUTCOME_UNKNOWN);
                    if (repeatable && attempt < max) {
                        log.debug("{} {} attempt {} not final ({}): {}; backing off", system, call.name(), attempt,
                                o, masker.mask(v.problem()));
                        backoff.pause(attempt, v.retryAfter());
                        continue;
                    }
                    throw new ConnectorException(system, o, call.name() + ": " + masker.mask(v.problem()));
                }
            }
        }
    }
}
