package org.aftersaleshub.connector.yonyou.u8.connection;

import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.APP_KEY;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.APP_SECRET;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.ASYNC_MAX_POLLS;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.ASYNC_MAX_WAIT_MS;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.BASE_URL;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.DS_SEQUENCE;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.FROM_ACCOUNT;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.RETRYABLE_ERRCODES;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.TOKEN_ERRCODES;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.TOKEN_TTL_SECONDS;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.TO_ACCOUNT;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The U8 OpenAPI protocol (docs/vendor-apis/yonyou-u8.md) for one connector instance: the caller parameters every
 * business call carries, the token ({@code /system/token}) in the instance's single-flight cache, every business call
 * through the instance's {@link ApiCaller} (budget → token → send → classify → renew once → back off), the
 * classification of answers ({@link U8Reply}) and the ASYNC result polling.
 *
 * <p>Classification: a token errcode ({@code u8.token-errcodes}) drops the token and repeats the call once (safe
 * also for {@code add}: U8 refused before doing anything, and the write is keyed by biz_id); an errcode of
 * {@code u8.retryable-errcodes} is backed off and repeated; every other errcode is a final answer for the caller to
 * judge. A 2xx body that is not a U8 answer is an unknown outcome for a write and retryable for a read.
 */
public final class U8Client {

    public static final String OTHEROUT_ADD = "otherout/add";
    public static final String CURRENT_STOCK = "currentstock/batch_get";
    /** The inventory archive (存货档案) by code range; rows under {@code inventory}. */
    public static final String INVENTORY_BATCH_GET = "inventory/batch_get";
    /** The warehouse archive (仓库档案) by code range; rows under {@code warehouse}. */
    public static final String WAREHOUSE_BATCH_GET = "warehouse/batch_get";
    private static final String SYSTEM = "u8";
    private static final Logger log = LoggerFactory.getLogger(U8Client.class);

    /** The token endpoint refused the credentials (as opposed to not answering). */
    public static final class CredentialsRefused extends ConnectorException {
        CredentialsRefused(String message) {
            super(SYSTEM, Outcome.NOT_RETRYABLE, message);
        }
    }

    private final ConnectorConfig cfg;
    private final Clock clock;
    private final Set<String> tokenCodes;
    private final Set<String> retryableCodes;
    private final ApiCaller<String> caller;

    /**
     * @param limits the instance's common keys (capped for the connectivity check)
     * @param clock  decides when cached tokens are renewed
     */
    public U8Client(ConnectorConfig cfg, CommonKeys.Values limits, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        this.tokenCodes = codes(cfg.string(TOKEN_ERRCODES));
        this.retryableCodes = codes(cfg.string(RETRYABLE_ERRCODES));
        TokenCache.Key key = new TokenCache.Key(SYSTEM, cfg.string(FROM_ACCOUNT), cfg.string(APP_KEY));
        this.caller = new ApiCaller<>(SYSTEM, cfg.string(APP_KEY), limits,
                new ApiCaller.Credentials<>(new TokenCache<>(clock, Duration.ofMinutes(1)), key, this::fetchToken),
                new SecretMasker(cfg.secretValues()));
    }

    public SecretMasker masker() {
        return caller.masker();
    }

    /** Token expiry and refreshes, rate-budget use. */
    public ApiCaller.Status status() {
        return caller.status();
    }

    // ------------------------------------------------------------------ business calls

    /** A GET of {@code api/<resource>}: a read, repeated within the bound also after an unknown outcome. */
    public U8Reply read(String resource, Map<String, String> params) {
        return call(resource, false, token -> caller.http().get(api(resource, params, token), null));
    }

    /**
     * A POST of {@code json} to {@code api/<resource>}: a write, whose unknown outcome is thrown
     * ({@link Outcome#OUTCOME_UNKNOWN}) for the hub to redeliver with the same biz_id.
     */
    public U8Reply write(String resource, Map<String, String> params, String json) {
        return call(resource, true, token -> caller.http().postJson(api(resource, params, token), json, null));
    }

    /** One GET with {@code token}, outside the call loop (the connectivity check). */
    public HttpResult readOnce(String resource, Map<String, String> params, String token) {
        return caller.http().get(api(resource, params, token), null);
    }

    /**
     * ASYNC mode: reads the result url of an accepted write after {@code ping_after} seconds (capped by
     * {@code u8.async-max-wait-ms}) until the answer is final, at most {@code u8.async-max-polls} times. The url
     * carries no token and reading it changes nothing, so a failed read is simply read again.
     *
     * @param accepted the write's answer with {@code url} and {@code ping_after}
     * @throws ConnectorException {@link Outcome#OUTCOME_UNKNOWN} when no final answer came; the redelivery posts the
     *         same biz_id again and U8 answers with the original result
     */
    public U8Reply awaitResult(U8Reply accepted, String bizId) {
        U8Reply current = accepted;
        int maxPolls = cfg.integer(ASYNC_MAX_POLLS);
        for (int n = 1; n <= maxPolls; n++) {
            pause(Math.min(current.body().path("ping_after").asLong(3) * 1000, cfg.longValue(ASYNC_MAX_WAIT_MS)));
            HttpResult r = caller.http().get(URI.create(current.body().path("url").asText()), null);
            U8Reply next = r.isSuccess() ? U8Reply.parse(r.body()) : null;
            if (next == null) {
                log.debug("u8 result poll {} for biz_id {} failed: {}", n, bizId, masker().mask(r.problem()));
                continue; // poll again with the url we have
            }
            if (!next.pending()) {
                return next;
            }
            current = next;
        }
        throw new ConnectorException(SYSTEM, Outcome.OUTCOME_UNKNOWN, "no final result for biz_id " + bizId
                + " after " + maxPolls + " polls; deliver again later with the same biz_id (U8 keeps one voucher "
                + "per biz_id)");
    }

    private U8Reply call(String resource, boolean write, Function<String, HttpResult> send) {
        return caller.call(new ApiCaller.Call<String, U8Reply>() {
            @Override
            public String name() {
                return resource;
            }

            @Override
            public boolean write() {
                return write;
            }

            @Override
            public HttpResult send(String token) {
                return send.apply(token);
            }

            @Override
            public Verdict<U8Reply> classify(HttpResult result) {
                return U8Client.this.classify(result, write);
            }
        });
    }

    /** See the class comment. */
    Verdict<U8Reply> classify(HttpResult r, boolean write) {
        if (!r.isSuccess()) {
            return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
        }
        U8Reply reply = U8Reply.parse(r.body());
        if (reply == null) {
            return Verdict.notFinal(write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE,
                    "unreadable answer (HTTP " + r.status() + ")", null);
        }
        if (tokenCodes.contains(reply.errcode())) {
            return Verdict.credentialRejected("errcode " + reply.errcode() + ": " + reply.errmsg());
        }
        if (retryableCodes.contains(reply.errcode())) {
            return Verdict.notFinal(Outcome.RETRYABLE, "errcode " + reply.errcode() + ": " + reply.errmsg(), null);
        }
        return Verdict.reply(reply);
    }

    /** The caller parameters every business call carries, then {@code params}. */
    private URI api(String resource, Map<String, String> params, String token) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from_account", cfg.string(FROM_ACCOUNT));
        q.put("to_account", cfg.string(TO_ACCOUNT));
        q.put("app_key", cfg.string(APP_KEY));
        q.put("token", token);
        if (cfg.isSet(DS_SEQUENCE)) {
            q.put("ds_sequence", String.valueOf(cfg.integer(DS_SEQUENCE)));
        }
        q.putAll(params);
        return Urls.resolve(cfg.uri(BASE_URL).toString(), "api/" + resource, q);
    }

    // ------------------------------------------------------------------ token

    /**
     * A token fetched now, outside the cache (the connectivity check).
     *
     * @throws CredentialsRefused when the open platform refused the credentials
     * @throws ConnectorException when it did not answer
     */
    public String freshToken() {
        return fetchToken().value();
    }

    /** {@code /system/token}; reused at most {@code u8.token-ttl-seconds} (≤ 1 h 55 min). */
    private TokenCache.Token<String> fetchToken() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from_account", cfg.string(FROM_ACCOUNT));
        q.put("app_key", cfg.string(APP_KEY));
        q.put("app_secret", cfg.string(APP_SECRET));
        HttpResult r = caller.http().get(Urls.resolve(cfg.uri(BASE_URL).toString(), "system/token", q), null);
        if (!r.isSuccess()) {
            Outcome o = r.outcome() == Outcome.NOT_RETRYABLE ? Outcome.NOT_RETRYABLE : Outcome.RETRYABLE;
            throw new ConnectorException(SYSTEM, o, "token: " + masker().mask(r.problem()));
        }
        U8Reply reply = U8Reply.parse(r.body());
        if (reply == null) {
            throw new ConnectorException(SYSTEM, Outcome.RETRYABLE, "token: unreadable answer");
        }
        if (!reply.ok()) {
            throw new CredentialsRefused("token refused, errcode " + reply.errcode() + ": "
                    + masker().mask(reply.errmsg()));
        }
        String id = reply.body().path("token").path("id").asText("");
        if (id.isBlank()) {
            throw new ConnectorException(SYSTEM, Outcome.RETRYABLE, "token: answer without token.id");
        }
        long lifetime = reply.body().path("token").path("expiresIn").asLong(7200);
        long ttl = Math.max(1, Math.min(lifetime, cfg.longValue(TOKEN_TTL_SECONDS)));
        log.debug("u8 token obtained for app {}, reused for {} s", cfg.string(APP_KEY), ttl);
        return new TokenCache.Token<>(id, clock.instant().plusSeconds(ttl));
    }

    private static Set<String> codes(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(SYSTEM, Outcome.OUTCOME_UNKNOWN, "interrupted while waiting for a U8 result");
        }
    }
}
