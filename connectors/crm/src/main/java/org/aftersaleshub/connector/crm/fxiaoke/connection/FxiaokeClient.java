package org.aftersaleshub.connector.crm.fxiaoke.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConfig;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConfig.TokenStyle;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * FXiaoKe's OpenAPI for one app of one tenant:
 * <ul>
 *   <li>its access token in either generation (docs/vendor-apis/fxiaoke.md §3.1 body style, §3.2 header style) in
 *       the kit's {@link TokenCache}: one fetch at a time for all threads and, on the hub's shared store, all hub
 *       instances, since the token endpoint must never be called concurrently (docs/vendor-apis/fxiaoke.md §3.3);</li>
 *   <li>every object-API call through the kit's {@link ApiCaller} loop, classified by {@code errorCode} alone
 *       (docs/vendor-apis/fxiaoke.md §4);</li>
 *   <li>a budget per API path of {@code fxiaoke.api-calls-per-window} taken before every attempt (100 per 20 s,
 *       docs/vendor-apis/fxiaoke.md §4.4).</li>
 * </ul>
 */
public final class FxiaokeClient {

    /**
     * The token does not exist or expired (20016); the app token expired (20005): drop it, fetch once, repeat
     * (docs/vendor-apis/fxiaoke.md §4.2).
     */
    static final Set<Integer> TOKEN_REJECTED = Set.of(20016, 20005);
    /**
     * Per-second frequency (30004) and call limit (14001): refused before doing anything
     * (docs/vendor-apis/fxiaoke.md §4.4).
     */
    static final Set<Integer> THROTTLED = Set.of(30004, 14001);
    /**
     * Busy (-1), system error (-2), service timeout (50009): for a write its effect is not certain
     * (docs/vendor-apis/fxiaoke.md §4.4).
     */
    static final Set<Integer> BUSY = Set.of(-1, -2, 50009);
    /**
     * Daily quota used up (30002) or none purchased (30003): final, no retry helps today
     * (docs/vendor-apis/fxiaoke.md §4.4).
     */
    static final Set<Integer> QUOTA_GONE = Set.of(30002, 30003);
    /**
     * The token endpoint's refusal of the app's credentials (docs/vendor-apis/fxiaoke.md §4.3); it does not reliably
     * say which one.
     */
    static final int ILLEGAL_PARAMETER = 10006;

    private final String baseUrl;
    private final TokenStyle style;
    private final String appId;
    private final String appSecret;
    private final String permanentCode;
    private final String openUserId;
    private final String crmUserId;
    private final boolean triggerWorkflow;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecretMasker masker;
    private final RateBudgets apiBudget;
    private final ApiCaller<String> caller;

    /**
     * @param apiBudget the per-API-path budget; built while the instance starts, so that it is the deployment's
     */
    public FxiaokeClient(String baseUrl, TokenStyle style, String appId, String appSecret, String permanentCode,
                         String openUserId, String crmUserId, boolean triggerWorkflow, Duration refreshAhead,
                         CommonKeys.Values calls, RateBudgets apiBudget, SecretMasker masker, ObjectMapper json,
                         Clock clock) {
        this.baseUrl = baseUrl;
        this.style = style;
        this.appId = appId;
        this.appSecret = appSecret;
        this.permanentCode = permanentCode;
        this.openUserId = openUserId;
        this.crmUserId = crmUserId;
        this.triggerWorkflow = triggerWorkflow;
        this.json = json;
        this.clock = clock;
        this.masker = masker;
        this.apiBudget = apiBudget;
        TokenCache<String> tokens = new TokenCache<>(clock, refreshAhead);
        // one token per app and tenant: an ISV app serves several tenants, each with its own permanent code, so the
        // key names the tenant by a fingerprint of that code (never the code, which is a secret)
        this.caller = new ApiCaller<>("fxiaoke", appId, calls, new ApiCaller.Credentials<>(tokens,
                new TokenCache.Key("fxiaoke", appId + "/" + fingerprint(permanentCode), style.name()),
                this::fetchToken), masker);
    }

    public ApiCaller<String> caller() {
        return caller;
    }

    /** A valid token now (fetched when needed), for the connectivity check. */
    public String token() {
        return caller.credential();
    }

    /**
     * One object-API action ({@code query}, {@code get}, {@code create}, {@code update}) on {@code object} with its
     * {@code data}; writes carry {@code triggerWorkFlow} as configured. Preset objects use {@code /cgi/crm/v2/data/},
     * custom ones ({@code __c}) {@code /cgi/crm/custom/v2/data/} (docs/vendor-apis/fxiaoke.md §5.1).
     *
     * @return the final envelope: success or the CRM's refusal (the caller judges a non-zero code)
     * @throws ConnectorException without a final answer, or when the tenant's quota is gone (NOT_RETRYABLE)
     */
    public FxiaokeReply call(String object, String action, ObjectNode data, boolean write) {
        String path = (object.endsWith("__c") ? "cgi/crm/custom/v2/data/" : "cgi/crm/v2/data/") + action;
        // per app, not per tenant: the docs do not say which one FXiaoKe counts, and per app is the safer reading
        String budgetKey = RateBudgets.key("fxiaoke", appId, path);
        return caller.call(new ApiCaller.Call<String, FxiaokeReply>() {
            @Override
            public String name() {
                return action + " " + object;
            }

            @Override
            public boolean write() {
                return write;
            }

            @Override
            public HttpResult send(String credential) {
                if (!apiBudget.acquire(budgetKey)) {
                    throw new ConnectorException("fxiaoke", Outcome.RETRYABLE, path + ": no permit of the per-API "
                            + "budget (" + apiBudget.limit().permits() + " per " + apiBudget.limit().period()
                            .toMillis() + " ms) within " + apiBudget.maxWait().toMillis() + " ms; nothing sent");
                }
                return post(path, credential, data, write);
            }

            @Override
            public Verdict<FxiaokeReply> classify(HttpResult r) {
                return FxiaokeClient.this.classify(name(), write, r);
            }
        });
    }

    private HttpResult post(String path, String credential, ObjectNode data, boolean write) {
        Credential c = Credential.parse(credential);
        ObjectNode body = json.createObjectNode();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=utf-8");
        if (style == TokenStyle.CORP_ACCESS_TOKEN) {
            body.put("corpAccessToken", c.token());
            body.put("corpId", c.owner());
            body.put("currentOpenUserId", openUserId);
        } else {
            headers.put("authorization", "Bearer " + c.token());
            headers.put("x-fs-ea", c.owner());
            headers.put("x-fs-userid", crmUserId);
        }
        if (write) {
            body.put("triggerWorkFlow", triggerWorkflow); // workflows default to on (docs/vendor-apis/fxiaoke.md §5.2)
        }
        body.set("data", data);
        return caller.http().post(uri(path), headers, body.toString(), null);
    }

    private Verdict<FxiaokeReply> classify(String name, boolean write, HttpResult r) {
        if (!r.isSuccess()) {
            return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
        }
        FxiaokeReply reply = parse(r.body());
        if (reply == null) {
            return Verdict.notFinal(write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE, name
                    + " answered HTTP " + r.status() + " without the errorCode envelope", null);
        }
        if (TOKEN_REJECTED.contains(reply.errorCode())) {
            return Verdict.credentialRejected(name + ": " + reply.describe());
        }
        if (THROTTLED.contains(reply.errorCode())) {
            return Verdict.notFinal(Outcome.RETRYABLE, name + ": " + reply.describe(), null);
        }
        if (BUSY.contains(reply.errorCode())) {
            return Verdict.notFinal(write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE, name + ": "
                    + reply.describe(), null);
        }
        if (QUOTA_GONE.contains(reply.errorCode())) {
            return Verdict.notFinal(Outcome.NOT_RETRYABLE, name + ": " + reply.describe() + " (the tenant's "
                    + "OpenAPI quota; no retry helps before it is renewed)", null);
        }
        return Verdict.reply(reply);
    }

    /**
     * The token of the configured style (docs/vendor-apis/fxiaoke.md §3.1 / §3.2); it lives {@code expiresIn} seconds
     * from now.
     */
    private TokenCache.Token<String> fetchToken() {
        ObjectNode body = json.createObjectNode();
        body.put("appId", appId);
        body.put("appSecret", appSecret);
        body.put("permanentCode", permanentCode);
        String path = "cgi/corpAccessToken/get/V2";
        if (style == TokenStyle.OAUTH2) {
            body.put("grantType", "app_secret");
            path = "oauth2.0/token";
        }
        HttpResult r = caller.http().postJson(uri(path), body.toString(), null);
        String baseKey = FxiaokeConfig.BASE_URL.name();
        if (!r.isSuccess()) {
            if (r.outcome() == Outcome.NOT_RETRYABLE || r.status() == 404) {
                throw new FxiaokeLoginException(List.of(baseKey), baseKey + " answered the token request with HTTP "
                        + r.status() + "; is it the FXiaoKe OpenAPI host (https://open.fxiaoke.com)?");
            }
            throw new ConnectorException("fxiaoke", r.outcome(), path + ": " + masker.mask(r.problem()));
        }
        FxiaokeReply reply = parse(r.body());
        if (reply == null) {
            throw new FxiaokeLoginException(List.of(baseKey), baseKey + " answered the token request without "
                    + "FXiaoKe's errorCode envelope; is it the OpenAPI host (not www.fxiaoke.com)?");
        }
        if (reply.errorCode() == ILLEGAL_PARAMETER) {
            List<String> keys = List.of(FxiaokeConfig.APP_ID.name(), FxiaokeConfig.APP_SECRET.name(),
                    FxiaokeConfig.PERMANENT_CODE.name());
            throw new FxiaokeLoginException(keys, "FXiaoKe refused the app's credentials ("
                    + masker.mask(reply.describe()) + "); check " + String.join(", ", keys));
        }
        String tokenField = style == TokenStyle.OAUTH2 ? "accessToken" : "corpAccessToken";
        String ownerField = style == TokenStyle.OAUTH2 ? "ea" : "corpId";
        if (!reply.ok() || !reply.body().hasNonNull(tokenField) || !reply.body().hasNonNull(ownerField)) {
            // a refused burst or concurrent call has no documented code (docs/vendor-apis/fxiaoke.md §3.3): anything
            // but a refusal of the
            // credentials is worth another try later
            throw new ConnectorException("fxiaoke", Outcome.RETRYABLE, path + ": " + masker.mask(reply.describe()));
        }
        long seconds = reply.body().path("expiresIn").asLong(7200);
        String value = new Credential(reply.body().get(ownerField).asText(), reply.body().get(tokenField).asText())
                .text();
        return new TokenCache.Token<>(value, clock.instant().plusSeconds(seconds));
    }

    private URI uri(String path) {
        // the official page asks for a thirdTraceId on every call (docs/vendor-apis/fxiaoke.md §2)
        return Urls.resolve(baseUrl, path, Map.of("thirdTraceId", UUID.randomUUID().toString()));
    }

    private FxiaokeReply parse(String body) {
        try {
            return FxiaokeReply.of(json.readTree(body));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The token with the identity it belongs to (corpId for the legacy style, ea for OAuth2), kept as one text so a
     * shared token store holds both together.
     */
    record Credential(String owner, String token) {
        String text() {
            return owner + " " + token;
        }

        static Credential parse(String text) {
            int i = text.indexOf(' ');
            return i < 0 ? new Credential("", text) : new Credential(text.substring(0, i), text.substring(i + 1));
        }
    }

    /** The first 8 bytes of SHA-256 of a secret, in hex: an identity for keys that never reveals the secret. */
    static String fingerprint(String secret) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
