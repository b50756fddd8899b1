package org.aftersaleshub.connector.dingtalk.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.dingtalk.DingTalkLimitException;
import org.aftersaleshub.connector.dingtalk.DingTalkQuota;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DingTalk's server-API protocol: the app token (legacy {@code gettoken} or {@code /v1.0/oauth2/accessToken},
 * docs/vendor-apis/dingtalk.md §2.1), legacy {@code topapi} calls with their HTTP-200 errcode envelope and new
 * {@code api.dingtalk.com} calls with HTTP status and {@code code} (docs/vendor-apis/dingtalk.md §2.4). Every exchange
 * goes through the instance's {@link ApiCaller}: rate budget → token (one fetch for all threads) → send → classify →
 * a refused token renewed once → back-off. Every business call sent is counted against the monthly quota
 * ({@link DingTalkQuota}, docs/vendor-apis/dingtalk.md §13.4); none is sent once it is used up.
 */
public final class DingTalkClient {

    /** The token was refused: renew it and repeat once (docs/vendor-apis/dingtalk.md §2.5). */
    static final Set<Integer> TOKEN_ERRORS = Set.of(40014, 42001);
    /** Throttled or busy: certainly not done, back off and repeat (docs/vendor-apis/dingtalk.md §3, §2.5). */
    static final Set<Integer> NOT_DONE = Set.of(-1, 90002, 90018);
    /** The monthly quota (docs/vendor-apis/dingtalk.md §3): nothing helps before the month ends. */
    static final int MONTHLY_QUOTA = 90020;
    /** The new API's form of 90020 (docs/vendor-apis/dingtalk.md §3). */
    static final String MONTHLY_QUOTA_CODE = "Forbidden.AccessDenied.ApiCountLimitForOrg";
    private static final Logger LOG = LoggerFactory.getLogger(DingTalkClient.class);

    /** How the client reaches DingTalk. */
    public record Settings(String baseUrl, String apiBaseUrl, String appKey, String appSecret, boolean oauth2,
                           Duration refreshAhead, CommonKeys.Values calls) {
        @Override
        public String toString() {
            return "DingTalk app " + appKey + " via " + baseUrl; // never the secret
        }
    }

    private final Settings settings;
    private final SecretMasker masker;
    private final ObjectMapper json;
    private final ApiCaller<String> caller;
    private final HttpPut put;
    private final Clock clock;
    private volatile DingTalkQuota quota;

    public DingTalkClient(Settings settings, SecretMasker masker, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.masker = masker;
        this.json = json;
        TokenCache<String> tokens = new TokenCache<>(clock, settings.refreshAhead());
        this.caller = new ApiCaller<>("dingtalk", settings.appKey(), settings.calls(), new ApiCaller.Credentials<>(
                tokens, new TokenCache.Key("dingtalk", settings.baseUrl(), settings.appKey()), this::fetchToken),
                masker);
        this.put = new HttpPut(settings.calls().connectTimeout(), settings.calls().timeout(), masker);
        this.clock = clock;
        this.quota = DingTalkQuota.counted(clock).create(settings.appKey(), Long.MAX_VALUE);
    }

    /** Counts the business calls from now on against {@code q}. */
    public void useQuota(DingTalkQuota q) {
        this.quota = q;
    }

    public DingTalkQuota quota() {
        return quota;
    }

    public ApiCaller<String> caller() {
        return caller;
    }

    /** Token and contacts calls are not counted against the monthly quota (docs/vendor-apis/dingtalk.md §3). */
    static boolean counted(String path) {
        return !(path.startsWith("/topapi/v2/department/") || path.startsWith("/topapi/v2/user/")
                || path.startsWith("/topapi/user/"));
    }

    /** Counts one call about to be sent, or refuses it when the month's quota is used up. */
    private void countOrRefuse(String path) {
        if (counted(path) && !quota.tryAcquire()) {
            throw quotaUsedUp(path + ": the monthly API quota is used up (" + quota.used() + "/" + quota.limit()
                    + "); nothing sent");
        }
    }

    private DingTalkLimitException quotaUsedUp(String message) {
        ZonedDateTime now = clock.instant().atZone(DingTalkQuota.MONTH_ZONE);
        ZonedDateTime next = now.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(now.getZone());
        return new DingTalkLimitException(DingTalkLimitException.Limit.MONTHLY_QUOTA, Duration.between(now, next),
                message);
    }

    public ApiCaller.Status status() {
        return caller.status();
    }

    /** Tokens fetched since start. */
    public long tokenRefreshes() {
        return caller.credentialRefreshes();
    }

    /**
     * Fetches a token now, outside the cache (the connectivity check).
     *
     * @throws DingTalkTokenException when DingTalk refused the app key or secret
     * @throws ConnectorException when DingTalk could not be reached
     */
    public void checkToken() {
        try {
            fetchToken();
        } catch (ConnectorException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectorException("dingtalk", Outcome.RETRYABLE, masker.mask(String.valueOf(e.getMessage())));
        }
    }

    // ------------------------------------------------------------------ token

    private TokenCache.Token<String> fetchToken() throws IOException {
        HttpResult r;
        if (settings.oauth2()) {
            ObjectNode body = json.createObjectNode().put("appKey", settings.appKey())
                    .put("appSecret", settings.appSecret());
            r = caller.http().postJson(Urls.resolve(settings.apiBaseUrl(), "/v1.0/oauth2/accessToken", Map.of()),
                    body.toString(), null);
        } else {
            r = caller.http().get(Urls.resolve(settings.baseUrl(), "/gettoken", Map.of("appkey", settings.appKey(),
                    "appsecret", settings.appSecret())), null);
        }
        JsonNode body = r.body() == null || r.body().isBlank() ? null : parse(r.body());
        if (settings.oauth2() && r.status() == 400 && body != null && body.has("code")) {
            throw new DingTalkTokenException("the token endpoint refused the app key or secret: "
                    + masker.mask(body.path("code").asText() + " " + body.path("message").asText()));
        }
        if (!r.isSuccess()) {
            throw new ConnectorException("dingtalk", r.outcome() == Outcome.NOT_RETRYABLE ? Outcome.NOT_RETRYABLE
                    : Outcome.RETRYABLE, "token: " + masker.mask(r.problem()));
        }
        if (body == null) {
            throw new ConnectorException("dingtalk", Outcome.RETRYABLE, "token: the answer is not JSON");
        }
        String token = settings.oauth2() ? body.path("accessToken").asText("") : body.path("access_token").asText("");
        long expiresIn = settings.oauth2() ? body.path("expireIn").asLong(7200) : body.path("expires_in").asLong(7200);
        if (token.isEmpty()) {
            int code = body.path("errcode").asInt(0);
            String problem = "token: errcode " + code + " " + masker.mask(body.path("errmsg").asText(""));
            if (NOT_DONE.contains(code)) {
                throw new ConnectorException("dingtalk", Outcome.RETRYABLE, problem);
            }
            // 40089, 40001: the app key or secret is wrong (docs/vendor-apis/dingtalk.md §2.2)
            throw new DingTalkTokenException("the token endpoint refused the app key or secret: " + problem);
        }
        LOG.debug("dingtalk app {}: new token, valid {} s", settings.appKey(), expiresIn);
        return new TokenCache.Token<>(token, clock.instant().plusSeconds(expiresIn));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ legacy topapi calls

    /**
     * One legacy {@code oapi} POST with a JSON body and the token in the query.
     *
     * @param write true when the call has an effect (an unknown outcome is then not repeated here)
     * @return the answer with {@code errcode} 0
     * @throws DingTalkApiException when DingTalk answered with a final error code (the caller may read it)
     * @throws ConnectorException when no final answer came within the call's bound
     */
    public JsonNode topapi(String path, ObjectNode body, boolean write) {
        JsonNode reply = caller.call(new ApiCaller.Call<String, JsonNode>() {
            @Override
            public String name() {
                return path;
            }

            @Override
            public boolean write() {
                return write;
            }

            @Override
            public HttpResult send(String token) {
                countOrRefuse(path);
                return caller.http().postJson(Urls.resolve(settings.baseUrl(), path, Map.of("access_token", token)),
                        body.toString(), null);
            }

            @Override
            public Verdict<JsonNode> classify(HttpResult r) {
                if (!r.isSuccess()) {
                    return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
                }
                JsonNode answer = parse(r.body());
                if (answer == null || !answer.has("errcode")) {
                    // the per-IP ban answers without errcode (docs/vendor-apis/dingtalk.md §3): not done
                    return Verdict.notFinal(Outcome.RETRYABLE, "not a DingTalk answer: " + abbreviate(r.body()),
                            Duration.ofSeconds(1));
                }
                int code = answer.path("errcode").asInt();
                String problem = "errcode " + code + " " + answer.path("errmsg").asText("");
                if (TOKEN_ERRORS.contains(code)) {
                    return Verdict.credentialRejected(problem);
                }
                if (NOT_DONE.contains(code)) {
                    return Verdict.notFinal(Outcome.RETRYABLE, problem, code == 90018 ? Duration.ofSeconds(1)
                            : null);
                }
                return Verdict.reply(answer);
            }
        });
        int code = reply.path("errcode").asInt();
        if (code == MONTHLY_QUOTA) {
            quota.markUsedUp(); // other apps of the organisation share the quota: DingTalk's word wins
            throw quotaUsedUp(path + ": DingTalk says the monthly API quota is used up (90020)");
        }
        if (code != 0) {
            throw new DingTalkApiException(path, code, masker.mask(reply.path("errmsg").asText("")));
        }
        return reply;
    }

    // ------------------------------------------------------------------ new api.dingtalk.com calls

    /**
     * One call on the new gateway ({@code <api-base-url><path>}, the token in {@code x-acs-dingtalk-access-token}).
     *
     * @param method     POST or PUT
     * @param repeatable true when sending it twice has one effect (a card's fixed {@code outTrackId}, an update by
     *                   key): an unknown outcome (a 500 {@code system.busy}, a timeout) is then repeated here
     * @return the 2xx answer's JSON
     * @throws DingTalkApiException when DingTalk refused the call for good (its {@code code()}, e.g.
     *         {@code param.cardNotExist})
     * @throws DingTalkLimitException MONTHLY_QUOTA when the quota is used up
     * @throws ConnectorException when no final answer came within the call's bound
     */
    public JsonNode api(String method, String path, ObjectNode body, boolean repeatable) {
        String text = body.toString();
        HttpResult r = caller.call(new ApiCaller.Call<String, HttpResult>() {
            @Override
            public String name() {
                return method + " " + path;
            }

            @Override
            public boolean write() {
                return !repeatable;
            }

            @Override
            public HttpResult send(String token) {
                countOrRefuse(path);
                URI uri = Urls.resolve(settings.apiBaseUrl(), path, Map.of());
                Map<String, String> headers = Map.of("x-acs-dingtalk-access-token", token);
                return "PUT".equals(method) ? put.putJson(uri, headers, text)
                        : caller.http().post(uri, Map.of("Content-Type", "application/json;charset=utf-8",
                        "x-acs-dingtalk-access-token", token), text, null);
            }

            @Override
            public Verdict<HttpResult> classify(HttpResult r) {
                if (r.isSuccess()) {
                    return Verdict.reply(r);
                }
                if (r.status() == 0) {
                    return Verdict.notFinal(r.outcome(), r.problem(), null);
                }
                JsonNode e = parse(r.body());
                String code = e == null ? "" : e.path("code").asText("");
                if (code.equals("InvalidAuthentication") || r.status() == 401) {
                    return Verdict.credentialRejected(r.problem());
                }
                if (code.startsWith("Forbidden.AccessDenied.QpsLimit")) {
                    return Verdict.notFinal(Outcome.RETRYABLE, r.problem(), Duration.ofSeconds(1));
                }
                if (r.status() >= 500 || r.status() == 429) {
                    return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
                }
                return Verdict.reply(r); // a final refusal: the caller reads its code
            }
        });
        JsonNode answer = r.body() == null || r.body().isBlank() ? object() : parse(r.body());
        if (r.isSuccess()) {
            return answer == null ? object() : answer;
        }
        String code = answer == null ? "" : answer.path("code").asText("");
        if (code.equals(MONTHLY_QUOTA_CODE)) {
            quota.markUsedUp();
            throw quotaUsedUp(method + " " + path + ": DingTalk says the monthly API quota is used up (" + code + ")");
        }
        throw new DingTalkApiException(method + " " + path, r.status(), code,
                masker.mask(answer == null ? r.problem() : answer.path("message").asText("")));
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override
    public String toString() {
        return settings.toString();
    }

    /** The app key or secret was refused at the token endpoint (a configuration error). */
    public static final class DingTalkTokenException extends ConnectorException {
        DingTalkTokenException(String message) {
            super("dingtalk", Outcome.NOT_RETRYABLE, message);
        }
    }

    /**
     * A final DingTalk error answer: a legacy errcode, or a new API's HTTP status and code (with {@link #errcode()}
     * 0), and its message.
     */
    public static final class DingTalkApiException extends ConnectorException {
        private final int errcode;
        private final int httpStatus;
        private final String code;

        DingTalkApiException(String path, int errcode, String errmsg) {
            super("dingtalk", Outcome.NOT_RETRYABLE, path + ": errcode " + errcode + " " + errmsg);
            this.errcode = errcode;
            this.httpStatus = 200;
            this.code = String.valueOf(errcode);
        }

        DingTalkApiException(String call, int httpStatus, String code, String message) {
            super("dingtalk", Outcome.NOT_RETRYABLE, call + ": HTTP " + httpStatus + " " + code + " " + message);
            this.errcode = 0;
            this.httpStatus = httpStatus;
            this.code = code;
        }

        public int errcode() {
            return errcode;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The new API's code ({@code param.cardNotExist}), or the legacy errcode as text. */
        public String code() {
            return code;
        }
    }
}
