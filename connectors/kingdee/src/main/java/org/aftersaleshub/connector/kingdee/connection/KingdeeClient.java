package org.aftersaleshub.connector.kingdee.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.http.Backoff;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.AuthMode;
import org.aftersaleshub.connector.kingdee.KingdeeSettings;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The K/3 Cloud WebAPI protocol: service URLs, the positional {@code parameters} envelope, authentication
 * (signature headers or a login) and answer classification ({@link KingdeeReply}). Every exchange goes through the
 * instance's {@link ApiCaller} (rate budget → session → send → classify → a lost session renewed once → back-off):
 * the credential is the session id, MsgCode 1 rejects it, a session cookie the server re-issues is stored for all
 * callers. A write is sent again within a call only when the answer proves it was not done (503, 429, a lost
 * session); deciding whether to write again after an unknown outcome is the caller's job
 * ({@code KingdeeDocumentWriter} queries the FBillNo first).
 */
public final class KingdeeClient {

    static final String FORM_SERVICE = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";
    static final String AUTH_SERVICE = "Kingdee.BOS.WebApi.ServicesStub.AuthService.";
    private static final Logger LOG = LoggerFactory.getLogger(KingdeeClient.class);

    private final KingdeeSettings settings;
    private final SecretMasker masker;
    private final ObjectMapper json;
    private final TokenCache<String> sessions;
    private final TokenCache.Key sessionKey;
    private final ApiCaller<String> caller;
    private final Clock clock;

    public KingdeeClient(KingdeeSettings settings, SecretMasker masker, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.masker = masker;
        this.json = json;
        this.clock = clock;
        this.sessions = new TokenCache<>(clock, settings.sessionTtl().dividedBy(5));
        this.sessionKey = new TokenCache.Key("kingdee", settings.acctId(), settings.identity());
        this.caller = new ApiCaller<>("kingdee", settings.acctId() + "/" + settings.identity(), settings.calls(),
                new ApiCaller.Credentials<>(sessions, sessionKey, this::newSession), masker);
    }

    public ObjectMapper json() {
        return json;
    }

    public Backoff backoff() {
        return caller.backoff();
    }

    public KingdeeSettings settings() {
        return settings;
    }

    /** Session expiry and refreshes, rate-budget use: what operators may see (never the session id). */
    public ApiCaller.Status status() {
        return caller.status();
    }

    /** Sessions obtained so far (logins, or signed probes in SIGNATURE mode). */
    public long sessionRefreshes() {
        return caller.credentialRefreshes();
    }

    /**
     * Obtains a fresh session now, outside the cache (the connectivity check).
     *
     * @throws KingdeeLoginException naming the config key at fault
     */
    public void checkLogin() {
        newSession();
    }

    // ------------------------------------------------------------------ calls

    /**
     * A DynamicFormService read: repeated within the call while the answer is not final (the kit's loop).
     *
     * @return the final answer: success, or Kingdee's refusal (a ResponseStatus with a MsgCode) for the caller to read
     * @throws org.aftersaleshub.connector.ConnectorException when no final answer came within the call's bound
     */
    public KingdeeReply read(String method, List<Object> parameters) {
        return caller.call(new WebApiCall(method, parameters, false));
    }

    /**
     * A DynamicFormService write (Save, Submit, Audit): repeated within the call only when it certainly was not done.
     *
     * @return as {@link #read}
     * @throws org.aftersaleshub.connector.ConnectorException {@code OUTCOME_UNKNOWN} when it may have been done
     *         (the caller reconciles), else when no final answer came within the call's bound
     */
    public KingdeeReply write(String method, List<Object> parameters) {
        return caller.call(new WebApiCall(method, parameters, true));
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

    /** One DynamicFormService exchange as the kit's loop sees it; one instance per {@link ApiCaller#call}. */
    private final class WebApiCall implements ApiCaller.Call<String, KingdeeReply> {

        private final String method;
        private final String body;
        private final boolean write;
        private final URI uri;
        private String sentWith;

        WebApiCall(String method, List<Object> parameters, boolean write) {
            this.method = method;
            this.body = envelope(parameters);
            this.write = write;
            this.uri = settings.baseUrl().resolve(FORM_SERVICE + method + ".common.kdsvc");
        }

        @Override
        public String name() {
            return method;
        }

        @Override
        public boolean write() {
            return write;
        }

        @Override
        public HttpResult send(String sid) {
            sentWith = sid;
            return caller.http().post(uri, headers(uri, sid), body, null);
        }

        @Override
        public Verdict<KingdeeReply> classify(HttpResult http) {
            KingdeeReply reply = KingdeeReply.parse(http, json, masker);
            if (reply.newSessionId() != null && !reply.newSessionId().equals(sentWith)) {
                caller.store(reply.newSessionId(), expiry()); // a signed call on a stale session got a new one
            }
            LOG.debug("kingdee {} -> {}{}", method, reply.outcome(), reply.isSuccess() ? "" : " (" + reply.problem()
                    + ")");
            if (reply.sessionLost()) {
                return Verdict.credentialRejected(reply.problem());
            }
            if (reply.isSuccess() || (reply.outcome() == Outcome.NOT_RETRYABLE && reply.body() != null)) {
                return Verdict.reply(reply); // a ResponseStatus refusal (duplicate FBillNo, negative stock): final
            }
            return Verdict.notFinal(reply.outcome(), reply.problem(), reply.retryAfter().orElse(null));
        }
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
        HttpResult http = caller.http().post(uri, headers(uri, ""), envelope(List.of(q.toString())), null);
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
        HttpResult http = caller.http().post(uri, Map.of("Content-Type", "application/json"), envelope(params),
                null);
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

    /** Forgets every session (stop). */
    public void close() {
        sessions.clear();
    }
}
