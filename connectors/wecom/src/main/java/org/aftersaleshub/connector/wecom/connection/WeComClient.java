package org.aftersaleshub.connector.wecom.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.aftersaleshub.connector.wecom.WeComConfig;

/**
 * WeCom's server API for one app: its access token (gettoken, docs/vendor-apis/wecom.md §2.1) in the kit's
 * {@link TokenCache} — one fetch for all threads, refreshed ahead of {@code expires_in}, dropped and fetched again once
 * when WeCom rejects it early — and every call through the kit's {@link ApiCaller} loop, classified by {@code errcode}
 * (docs/vendor-apis/wecom.md §2.4).
 */
public final class WeComClient {

    /** The token is gone or not this app's: drop it, fetch once, repeat (docs/vendor-apis/wecom.md §2.2). */
    static final Set<Integer> TOKEN_REJECTED = Set.of(40014, 42001, 40001, 41001);
    /** Frequency (45009), concurrency (45033): refused before doing anything (docs/vendor-apis/wecom.md §2.4). */
    static final Set<Integer> THROTTLED = Set.of(45009, 45033);
    /** "System busy" (docs/vendor-apis/wecom.md §2.4): retried by clients; for a write its effect is not certain. */
    static final int BUSY = -1;

    /** Where the gettoken refusals point (docs/vendor-apis/wecom.md §2.4). */
    private static final Map<Integer, String> LOGIN_REFUSALS = Map.of(
            40013, WeComConfig.CORP_ID.name(), 41002, WeComConfig.CORP_ID.name(),
            40001, WeComConfig.APP_SECRET.name(), 41004, WeComConfig.APP_SECRET.name(),
            60020, WeComConfig.BASE_URL.name());

    private final String baseUrl;
    private final String corpId;
    private final String secret;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecretMasker masker;
    private final ApiCaller<String> caller;
    /** The token the last fetch returned. */
    private volatile TokenCache.Token<String> lastFetched;
    /**
     * Set when a refresh ahead of expiry got the same token back: WeCom hands out a new one only after the old one
     * expired (docs/vendor-apis/wecom.md §2.1), so until then further refreshes answer this one without a call
     * (gettoken is throttled). Cleared when WeCom rejects a token.
     */
    private volatile TokenCache.Token<String> unchangedUntilExpiry;

    /**
     * @param refreshAhead how long before expiry one caller fetches the next token
     */
    public WeComClient(String baseUrl, String corpId, long agentId, String secret, Duration refreshAhead,
                       CommonKeys.Values calls, SecretMasker masker, ObjectMapper json, Clock clock) {
        this.baseUrl = baseUrl;
        this.corpId = corpId;
        this.secret = secret;
        this.json = json;
        this.clock = clock;
        this.masker = masker;
        TokenCache<String> tokens = new TokenCache<>(clock, refreshAhead);
        this.caller = new ApiCaller<>("wecom", corpId + "/" + agentId, calls, new ApiCaller.Credentials<>(tokens,
                new TokenCache.Key("wecom", corpId, String.valueOf(agentId)), this::fetchToken), masker);
    }

    public ApiCaller<String> caller() {
        return caller;
    }

    /** A valid token now (fetched when needed), for the connectivity check. */
    public String token() {
        return caller.credential();
    }

    /** A read: {@code GET /cgi-bin/<api>?access_token=…&params}; repeated on unknown outcomes. */
    public WeComReply get(String api, Map<String, String> params) {
        return call(api, false, token -> caller.http().get(uri(api, token, params), null));
    }

    /** {@code POST /cgi-bin/<api>?access_token=…} with a JSON body; {@code write} when it changes something. */
    public WeComReply post(String api, JsonNode body, boolean write) {
        return post(api, body, write, () -> { });
    }

    /**
     * Like {@link #post(String, JsonNode, boolean)}, running {@code beforeEachAttempt} before every HTTP attempt (a
     * send budget: every attempt may reach the recipients); what it throws ends the call with nothing sent.
     */
    public WeComReply post(String api, JsonNode body, boolean write, Runnable beforeEachAttempt) {
        String text = body.toString();
        return call(api, write, token -> {
            beforeEachAttempt.run();
            return caller.http().postJson(uri(api, token, Map.of()), text, null);
        });
    }

    private interface Sender {
        HttpResult send(String token);
    }

    private WeComReply call(String api, boolean write, Sender sender) {
        return caller.call(new ApiCaller.Call<String, WeComReply>() {
            @Override
            public String name() {
                return api;
            }

            @Override
            public boolean write() {
                return write;
            }

            @Override
            public HttpResult send(String token) {
                return sender.send(token);
            }

            @Override
            public Verdict<WeComReply> classify(HttpResult r) {
                if (!r.isSuccess()) {
                    return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
                }
                WeComReply reply = parse(r.body());
                if (reply == null) {
                    // a 200 that is not the JSON envelope (a proxy page): nothing certain about a write
                    return Verdict.notFinal(write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE, api
                            + " answered HTTP 200 without the errcode envelope", null);
                }
                if (TOKEN_REJECTED.contains(reply.errcode())) {
                    unchangedUntilExpiry = null;
                    return Verdict.credentialRejected(api + ": " + reply.describe());
                }
                if (THROTTLED.contains(reply.errcode())) {
                    return Verdict.notFinal(Outcome.RETRYABLE, api + ": " + reply.describe(), null);
                }
                if (reply.errcode() == BUSY) {
                    return Verdict.notFinal(write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE, api + ": "
                            + reply.describe(), null);
                }
                return Verdict.reply(reply);
            }
        });
    }

    /** gettoken (docs/vendor-apis/wecom.md §2.1); the token lives {@code expires_in} seconds from now. */
    private TokenCache.Token<String> fetchToken() {
        TokenCache.Token<String> unchanged = unchangedUntilExpiry;
        if (unchanged != null && clock.instant().isBefore(unchanged.expiresAt())) {
            return unchanged;
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("corpid", corpId);
        q.put("corpsecret", secret);
        HttpResult r = caller.http().get(Urls.resolve(baseUrl, "cgi-bin/gettoken", q), null);
        if (!r.isSuccess()) {
            if (r.outcome() == Outcome.NOT_RETRYABLE || r.status() == 404) {
                throw new WeComLoginException(WeComConfig.BASE_URL.name(), WeComConfig.BASE_URL.name()
                        + " answered gettoken with HTTP " + r.status() + "; is it the WeCom API root "
                        + "(https://qyapi.weixin.qq.com)?");
            }
            throw new ConnectorException("wecom", r.outcome(), "gettoken: " + masker.mask(r.problem()));
        }
        WeComReply reply = parse(r.body());
        if (reply == null) {
            throw new WeComLoginException(WeComConfig.BASE_URL.name(), WeComConfig.BASE_URL.name()
                    + " answered gettoken without the WeCom errcode envelope; is it the WeCom API root?");
        }
        String blamed = LOGIN_REFUSALS.get(reply.errcode());
        if (blamed != null) {
            throw new WeComLoginException(blamed, "WeCom refused the token request with " + masker.mask(
                    reply.describe()) + "; check " + blamed + (reply.errcode() == 60020 ? " (the caller's IP is "
                    + "not in the app's 企业可信IP list)" : ""));
        }
        if (!reply.ok() || !reply.body().hasNonNull("access_token")) {
            Outcome o = reply.errcode() == BUSY || THROTTLED.contains(reply.errcode()) ? Outcome.RETRYABLE
                    : Outcome.NOT_RETRYABLE;
            throw new ConnectorException("wecom", o, "gettoken: " + masker.mask(reply.describe()));
        }
        long seconds = reply.body().path("expires_in").asLong(7200);
        TokenCache.Token<String> fresh = new TokenCache.Token<>(reply.body().get("access_token").asText(),
                clock.instant().plusSeconds(seconds));
        TokenCache.Token<String> previous = lastFetched;
        unchangedUntilExpiry = previous != null && previous.value().equals(fresh.value()) ? fresh : null;
        lastFetched = fresh;
        return fresh;
    }

    private URI uri(String api, String token, Map<String, String> params) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("access_token", token);
        q.putAll(params);
        return Urls.resolve(baseUrl, "cgi-bin/" + api, q);
    }

    private WeComReply parse(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n == null || !n.isObject() || !n.has("errcode")) {
                return null;
            }
            return new WeComReply(n.path("errcode").asInt(), n.path("errmsg").asText(""), n);
        } catch (Exception e) {
            return null;
        }
    }
}
