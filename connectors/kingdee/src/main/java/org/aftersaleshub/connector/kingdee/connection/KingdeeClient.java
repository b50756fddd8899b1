package org.aftersaleshub.connector.kingdee.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.http.Backoff;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.AuthMode;
import org.aftersaleshub.connector.kingdee.KingdeeSettings;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The K/3 Cloud WebAPI protocol: service URLs, the positional {@code parameters} envelope, authentication
 * (signature headers or a login) with the session cookie cached per (kingdee, account set, identity), answer
 * classification ({@link KingdeeReply}) and client-side rate budgets. Writes go through {@link #call} exactly once
 * per invocation — deciding whether to write again is the caller's job; reads can use {@link #read}, which renews a
 * lost session and retries.
 */
public final class KingdeeClient {

    static final String FORM_SERVICE = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";
    static final String AUTH_SERVICE = "Kingdee.BOS.WebApi.ServicesStub.AuthService.";
    private static final Logger LOG = LoggerFactory.getLogger(KingdeeClient.class);

    /** Which rate budget a call draws from. */
    public enum Api { READ, WRITE }

    private final KingdeeSettings settings;
    private final HttpTransport transport;
    private final SecretMasker masker;
    private final ObjectMapper json;
    private final TokenCache<String> sessions;
    private final TokenCache.Key sessionKey;
    private final RateBudgets budgets;
    private final Backoff backoff;
    private final Clock clock;

    public KingdeeClient(KingdeeSettings settings, SecretMasker masker, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.masker = masker;
        this.json = json;
        this.clock = clock;
        this.transport = new HttpTransport(settings.connectTimeout(), settings.timeout(), masker);
        this.sessions = new TokenCache<>(clock, settings.sessionTtl().dividedBy(5));
        this.sessionKey = new TokenCache.Key("kingdee", settings.acctId(), settings.identity());
        this.budgets = new RateBudgets(settings.rateLimitPerSecond(), Duration.ofSeconds(1),
                settings.timeout());
        this.backoff = new Backoff(settings.retryBackoff(), Duration.ofSeconds(30));
    }

    public ObjectMapper json() {
        return json;
    }

    public Backoff backoff() {
        return backoff;
    }

    public KingdeeSettings settings() {
        return settings;
    }

    /** Sessions obtained so far (logins, or signed probes in SIGNATURE mode). */
    public long sessionRefreshes() {
        return sessions.refreshCount(sessionKey);
    }

    /**
     * Obtains a fresh session now (used by the connectivity check).
     *
     * @throws KingdeeLoginException naming the config key at fault
     */
    public void checkLogin() {
        newSession();
    }

    // ------------------------------------------------------------------ calls

    /** A DynamicFormService call with {@code parameters}: one HTTP exchange, classified; never retried here. */
    public KingdeeReply call(String method, List<Object> parameters, Api api) {
        String budget = RateBudgets.key("kingdee", settings.appId() == null ? settings.userName() : settings.appId(),
                api.name().toLowerCase());
        if (!budgets.acquire(budget)) {
            return synthetic(Outcome.RETRYABLE, "client-side rate budget " + budget + " exhausted", true);
        }
        String sid;
        try {
            sid = sessions.get(sessionKey, this::newSession);
        } catch (TokenCache.TokenFetchException e) {
            if (e.getCause() instanceof KingdeeLoginException le) {
                return synthetic(le.outcome() == Outcome.NOT_RETRYABLE ? Outcome.NOT_RETRYABLE : Outcome.RETRYABLE,
                        "no session: " + le.getMessage(), false);
            }
            return synthetic(Outcome.RETRYABLE, "no session: " + masker.mask(String.valueOf(e.getMessage())), false);
        }
        URI uri = settings.baseUrl().resolve(FORM_SERVICE + method + ".common.kdsvc");
        long started = System.nanoTime();
        HttpResult http = transport.post(uri, headers(uri, sid), envelope(parameters), null);
        KingdeeReply reply = KingdeeReply.parse(http, json, masker);
        if (reply.newSessionId() != null && !reply.newSessionId().equals(sid)) {
            sessions.put(sessionKey, new TokenCache.Token<>(reply.newSessionId(), expiry()));
        }
        if (reply.sessionLost()) {
            sessions.invalidate(sessionKey, sid);
        }
        LOG.debug("kingdee {} -> {} in {} ms{}", method, reply.outcome(), (System.nanoTime() - started) / 1_000_000,
                reply.isSuccess() ? "" : " (" + reply.problem() + ")");
        return reply;
    }

    /**
     * A read with retries: a lost session is renewed (once for all concurrent callers) and the read repeated;
     * retryable and unknown outcomes back off and repeat, up to {@code kingdee.max-attempts}.
     */
    public KingdeeReply read(String method, List<Object> parameters) {
        KingdeeReply reply = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            reply = call(method, parameters, Api.READ);
            if (reply.isSuccess() || reply.outcome() == Outcome.NOT_RETRYABLE) {
                return reply;
            }
            if (attempt < settings.maxAttempts() && !(reply.sessionLost() && attempt == 1)) {
                backoff.pause(attempt, reply.retryAfter().orElse(null));
            }
        }
        return reply;
    }

    /**
     * ExecuteBillQuery: the rows (values in {@code fieldKeys} order).
     *
     * @throws ConnectorException when the query cannot be answered
     */
    public List<JsonNode> executeBillQuery(String formId, String fieldKeys, String filter, int topRowCount) {
        ObjectNode q = json.createObjectNode();
        q.put("FormId", formId);
        q.put("FieldKeys", fieldKeys);
        q.put("FilterString", filter);
        q.put("OrderString", "");
        q.put("TopRowCount", topRowCount);
        q.put("StartRow", 0);
        q.put("Limit", Math.max(topRowCount, 1));
        KingdeeReply reply = read("ExecuteBillQuery", List.of(q.toString()));
        if (!reply.isSuccess()) {
            throw new ConnectorException("kingdee", reply.outcome(), "ExecuteBillQuery on " + formId + " failed: "
                    + reply.problem());
        }
        List<JsonNode> rows = new ArrayList<>();
        if (reply.body() instanceof ArrayNode a) {
            a.forEach(rows::add);
        }
        return rows;
    }

    // ------------------------------------------------------------------ sessions

    private Instant expiry() {
        return clock.instant().plus(settings.sessionTtl());
    }

    private TokenCache.Token<String> newSession() {
        return switch (settings.authMode()) {
            case SIGNATURE -> signedProbe();
            case LOGIN_BY_SIGN, VALIDATE_USER -> login();
        };
    }

    /** SIGNATURE mode: a cheap signed query without a session; the server answers with a new session cookie. */
    private TokenCache.Token<String> signedProbe() {
        ObjectNode q = json.createObjectNode();
        q.put("FormId", "BD_STOCK");
        q.put("FieldKeys", "FNumber");
        q.put("FilterString", "");
        q.put("TopRowCount", 1);
        q.put("Limit", 1);
        URI uri = settings.baseUrl().resolve(FORM_SERVICE + "ExecuteBillQuery.common.kdsvc");
        HttpResult http = transport.post(uri, headers(uri, ""), envelope(List.of(q.toString())), null);
        KingdeeReply reply = KingdeeReply.parse(http, json, masker);
        failLogin(reply);
        LOG.debug("kingdee signed session obtained for {}", sessionKey);
        return new TokenCache.Token<>(reply.newSessionId() == null ? "" : reply.newSessionId(), expiry());
    }

    private void failLogin(KingdeeReply reply) {
        if (reply.isSuccess()) {
            return;
        }
        if (reply.badAcctId()) {
            throw new KingdeeLoginException(Outcome.NOT_RETRYABLE, KingdeeConnectorConfig.ACCT_ID.name(),
                    "the server does not know this account set (Fail to verify thirty passport); check "
                            + KingdeeConnectorConfig.ACCT_ID.display());
        }
        if (reply.sessionLost()) {
            throw new KingdeeLoginException(Outcome.NOT_RETRYABLE, KingdeeConnectorConfig.APP_SECRET.name(),
                    "the server rejected the signed identity (会话信息已丢失); check "
                            + KingdeeConnectorConfig.APP_SECRET.display() + ", " + KingdeeConnectorConfig.APP_ID.name()
                            + ", " + KingdeeConnectorConfig.USER_NAME.name() + " and "
                            + KingdeeConnectorConfig.LCID.name());
        }
        String key = reply.outcome() == Outcome.NOT_RETRYABLE && reply.msgCode() != 0
                ? KingdeeConnectorConfig.USER_NAME.name() : KingdeeConnectorConfig.BASE_URL.name();
        throw new KingdeeLoginException(reply.outcome() == Outcome.NOT_RETRYABLE ? Outcome.NOT_RETRYABLE
                : Outcome.RETRYABLE, key, "cannot reach the Kingdee WebAPI: " + reply.problem());
    }

    /** LOGIN_BY_SIGN / VALIDATE_USER: the AuthService login; the session is KDSVCSessionId. */
    private TokenCache.Token<String> login() {
        String method;
        List<Object> params;
        long ts = clock.instant().getEpochSecond();
        if (settings.authMode() == AuthMode.VALIDATE_USER) {
            method = "ValidateUser";
            params = List.of(settings.acctId(), settings.userName(), settings.password(), settings.lcid());
        } else {
            method = "LoginBySign";
            String digest = settings.loginSignAlgorithm() == KingdeeConnectorConfig.SignAlgorithm.SHA1 ? "SHA-1"
                    : "SHA-256";
            params = List.of(settings.acctId(), settings.userName(), settings.appId(), Long.toString(ts),
                    KingdeeSigning.loginSign(digest, settings.acctId(), settings.userName(), settings.appId(),
                            settings.appSecret(), ts), settings.lcid());
        }
        URI uri = settings.baseUrl().resolve(AUTH_SERVICE + method + ".common.kdsvc");
        HttpResult http = transport.post(uri, Map.of("Content-Type", "application/json"), envelope(params), null);
        KingdeeReply reply = KingdeeReply.parse(http, json, masker);
        if (!reply.isSuccess()) {
            failLogin(reply);
        }
        JsonNode body = reply.body();
        if (body == null || body.path("LoginResultType").asInt(0) != 1
                || body.path("KDSVCSessionId").asText("").isEmpty()) {
            String message = body == null ? "no answer" : masker.mask(body.path("Message").asText(""));
            String key = message.contains("数据中心") ? KingdeeConnectorConfig.ACCT_ID.name()
                    : settings.authMode() == AuthMode.VALIDATE_USER ? KingdeeConnectorConfig.PASSWORD.name()
                    : message.contains("用户名") ? KingdeeConnectorConfig.USER_NAME.name()
                    : KingdeeConnectorConfig.APP_SECRET.name();
            throw new KingdeeLoginException(Outcome.NOT_RETRYABLE, key, method + " refused (LoginResultType "
                    + (body == null ? "?" : body.path("LoginResultType").asText()) + "): " + message);
        }
        LOG.debug("kingdee {} succeeded for {}", method, sessionKey);
        return new TokenCache.Token<>(body.path("KDSVCSessionId").asText(), expiry());
    }

    // ------------------------------------------------------------------ wire format

    private String envelope(List<Object> parameters) {
        ObjectNode root = json.createObjectNode();
        root.set("parameters", json.valueToTree(parameters));
        return root.toString();
    }

    private Map<String, String> headers(URI uri, String sid) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json;charset=utf-8");
        h.put("User-Agent", "aftersales-hub kingdee-connector");
        if (sid != null && !sid.isEmpty()) {
            h.put("Cookie", "kdservice-sessionid=" + sid);
            h.put("kdservice-sessionid", sid);
        }
        if (settings.authMode() == AuthMode.SIGNATURE) {
            h.putAll(KingdeeSigning.signatureHeaders(uri.getRawPath(), settings.acctId(), settings.userName(),
                    settings.appId(), settings.appSecret(), settings.lcid(), settings.orgNumber(),
                    clock.instant().getEpochSecond()));
        }
        return h;
    }

    private static KingdeeReply synthetic(Outcome outcome, String problem, boolean rateLimited) {
        return new KingdeeReply(outcome, null, 0, List.of(), problem, false, false, rateLimited, Optional.empty(),
                null);
    }

    /** Forgets every session (stop). */
    public void close() {
        sessions.clear();
    }
}
