package org.aftersaleshub.connector.yonyou.yonbip.connection;

import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.APP_KEY;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.APP_SECRET;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.DISCOVERY_URL;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.GATEWAY_URL;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.TENANT_ID;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.TOKEN_PATH;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.TOKEN_URL;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.TokenPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The YonBIP / YonSuite OpenAPI protocol (docs/vendor-apis/yonyou-yonbip.md) for one connector instance: the tenant's
 * gateway ({@code getGatewayAddress}, unless configured), the access token signed with HmacSHA256 on the
 * {@code base/v1} path or the legacy one (each the fallback of the other), cached single-flight and renewed at 80 % of
 * {@code expire}, always URL-encoded as {@code access_token}; and every gateway call through the instance's
 * {@link ApiCaller}, its answer classified by {@link YonBipReply}:
 * <ul>
 *   <li>OK, 1002 not found and any other refusal: final, for the caller to judge;</li>
 *   <li>310036 / 310001 / 310037 / 1090003500065 / {@code text/plain 非法token}: new token, call repeated once
 *       (reads, and the writes, which are keyed and therefore never blind);</li>
 *   <li>HTTP 429 / 310046 / 999 "操作过于频繁": backed off and repeated; 999 系统异常 too, but still answered on the
 *       last attempt it is final (the caller reports YonBIP's message);</li>
 *   <li>HTTP 404 / 310404: the path is not on the gateway, a configuration error, not repeated.</li>
 * </ul>
 */
public final class YonBipClient {

    public static final String SAVE = "/yonbip/scm/othoutrecord/single/save";
    public static final String AUDIT = "/yonbip/scm/othoutrecord/batchaudit";
    public static final String DETAIL = "/yonbip/scm/othoutrecord/detail";
    public static final String STOCK = "/yonbip/scm/stock/QueryCurrentStocksByCondition";
    /** The material (product) archive list; records under {@code data.recordList}. */
    public static final String PRODUCT_LIST = "/yonbip/digitalModel/product/list";
    /** The warehouse archive list; records under {@code data.recordList}. */
    public static final String WAREHOUSE_LIST = "/yonbip/digitalModel/warehouse/list";
    static final String TOKEN_V1 = "/open-auth/selfAppAuth/base/v1/getAccessToken";
    static final String TOKEN_LEGACY = "/open-auth/selfAppAuth/getAccessToken";
    private static final String SYSTEM = "yonbip";
    private static final Logger log = LoggerFactory.getLogger(YonBipClient.class);

    /** The platform refused something a config key decides (tenant id, app key, app secret). */
    public static final class Refused extends ConnectorException {
        private final transient ConfigKey key;

        Refused(ConfigKey key, String message) {
            super(SYSTEM, Outcome.NOT_RETRYABLE, message);
            this.key = key;
        }

        /** The key to blame. */
        public ConfigKey key() {
            return key;
        }
    }

    /** The discovered (or configured) addresses. */
    private record Addresses(String gateway, String auth) { }

    private final ConnectorConfig cfg;
    private final Clock clock;
    private final ApiCaller<String> caller;
    private final Object discovery = new Object();
    private volatile Addresses addresses;

    /**
     * @param limits the instance's common keys (capped for the connectivity check)
     * @param clock  decides when cached tokens are renewed and stamps the signature
     */
    public YonBipClient(ConnectorConfig cfg, CommonKeys.Values limits, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        String tenant = cfg.isSet(TENANT_ID) ? cfg.string(TENANT_ID) : cfg.uri(GATEWAY_URL).getHost();
        TokenCache.Key key = new TokenCache.Key(SYSTEM, tenant, cfg.string(APP_KEY));
        // the expiry is stored at 80 % of the real lifetime, so no refresh-ahead on top
        this.caller = new ApiCaller<>(SYSTEM, cfg.string(APP_KEY), limits,
                new ApiCaller.Credentials<>(new TokenCache<>(clock, Duration.ZERO), key, this::fetchToken),
                new SecretMasker(cfg.secretValues()));
    }

    public SecretMasker masker() {
        return caller.masker();
    }

    /** Token expiry and refreshes, rate-budget use. */
    public ApiCaller.Status status() {
        return caller.status();
    }

    // ------------------------------------------------------------------ gateway calls

    /**
     * POSTs {@code json} to a gateway path.
     *
     * @param write true for save and audit: an unknown outcome is thrown ({@link Outcome#OUTCOME_UNKNOWN}), never
     *              repeated here
     */
    public YonBipReply post(String path, String json, boolean write) {
        return call(path, write, token -> caller.http().postJson(gateway(path, Map.of(), token), json, null));
    }

    /** GETs a gateway path with {@code params}: a read. */
    public YonBipReply get(String path, Map<String, String> params) {
        return call(path, false, token -> caller.http().get(gateway(path, params, token), null));
    }

    private YonBipReply call(String path, boolean write, Function<String, HttpResult> send) {
        int maxAttempts = caller.limits().maxAttempts();
        return caller.call(new ApiCaller.Call<String, YonBipReply>() {
            /** Answers that were not final and not a rejected token: the caller's attempt number. */
            private int notFinal;

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
                return send.apply(token);
            }

            @Override
            public Verdict<YonBipReply> classify(HttpResult r) {
                YonBipReply reply = YonBipReply.of(r);
                switch (reply.kind()) {
                    case OK, NOT_FOUND, REFUSED -> {
                        return Verdict.reply(reply);
                    }
                    case NO_SUCH_API -> {
                        return Verdict.notFinal(Outcome.NOT_RETRYABLE, "not registered on the gateway ("
                                + reply.code() + "); check the gateway address", null);
                    }
                    case TOKEN_INVALID -> {
                        return Verdict.credentialRejected("code " + reply.code() + " " + reply.message());
                    }
                    default -> notFinal++;
                }
                if (reply.kind() == YonBipReply.Kind.SYSTEM_ERROR && notFinal >= maxAttempts) {
                    return Verdict.reply(reply); // 999 系统异常 every time: the caller reports YonBIP's message
                }
                return Verdict.notFinal(reply.outcome(r, write), reply.code() + " " + reply.message(),
                        r.retryAfter().orElse(null));
            }
        });
    }

    /** The business gateway URL of {@code path}: the token carries '+', '/' and '=', so it is always encoded. */
    private URI gateway(String path, Map<String, String> params, String token) {
        Map<String, String> q = new LinkedHashMap<>(params);
        q.put("access_token", token);
        return Urls.resolve(addresses().gateway(), path, q);
    }

    private Addresses addresses() {
        Addresses a = addresses;
        if (a != null) {
            return a;
        }
        synchronized (discovery) {
            if (addresses != null) {
                return addresses;
            }
            if (cfg.isSet(GATEWAY_URL)) {
                a = new Addresses(trim(cfg.uri(GATEWAY_URL).toString()), trim(cfg.uri(TOKEN_URL).toString()));
            } else {
                HttpResult r = caller.http().get(Urls.resolve(cfg.uri(DISCOVERY_URL).toString(),
                        "open-auth/dataCenter/getGatewayAddress", Map.of("tenantId", cfg.string(TENANT_ID))), null);
                YonBipReply reply = YonBipReply.of(r);
                if (reply.kind() == YonBipReply.Kind.TRANSPORT || reply.kind() == YonBipReply.Kind.NO_SUCH_API) {
                    throw new ConnectorException(SYSTEM, Outcome.RETRYABLE, "gateway discovery: " + reply.message());
                }
                if (!reply.ok() || reply.data().path("gatewayUrl").asText("").isBlank()) {
                    throw new Refused(TENANT_ID, "gateway discovery refused the tenant (code " + reply.code() + ": "
                            + reply.message() + "); check yonbip.tenant-id");
                }
                a = new Addresses(trim(reply.data().path("gatewayUrl").asText()),
                        trim(reply.data().path("tokenUrl").asText()));
                log.info("yonbip gateway for tenant {}: {}", cfg.string(TENANT_ID), a.gateway());
            }
            addresses = a;
            return a;
        }
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    // ------------------------------------------------------------------ token

    /**
     * A token fetched now, outside the cache (the connectivity check).
     *
     * @throws Refused naming the key to blame when the platform refused the tenant, app key or signature
     * @throws ConnectorException when it did not answer
     */
    public String freshToken() {
        return fetchToken().value();
    }

    /** {@code Base64(HmacSHA256(appSecret, "appKey" + appKey + "timestamp" + timestamp))}, not yet URL-encoded. */
    public static String signature(String appKey, String timestamp, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(("appKey" + appKey + "timestamp" + timestamp)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenCache.Token<String> fetchToken() {
        String auth = addresses().auth();
        List<String> paths = cfg.enumValue(TOKEN_PATH, TokenPath.class) == TokenPath.BASE_V1
                ? List.of(TOKEN_V1, TOKEN_LEGACY) : List.of(TOKEN_LEGACY, TOKEN_V1);
        YonBipReply reply = null;
        for (String path : paths) {
            String ts = String.valueOf(clock.millis());
            Map<String, String> q = new LinkedHashMap<>();
            q.put("appKey", cfg.string(APP_KEY));
            q.put("timestamp", ts);
            q.put("signature", signature(cfg.string(APP_KEY), ts, cfg.string(APP_SECRET)));
            reply = YonBipReply.of(caller.http().get(Urls.resolve(auth, path, q), null));
            if (reply.kind() != YonBipReply.Kind.NO_SUCH_API) {
                break;
            }
        }
        if (reply.kind() == YonBipReply.Kind.TRANSPORT || reply.kind() == YonBipReply.Kind.NO_SUCH_API
                || reply.kind() == YonBipReply.Kind.RATE_LIMITED || reply.kind() == YonBipReply.Kind.SYSTEM_ERROR) {
            throw new ConnectorException(SYSTEM, Outcome.RETRYABLE, "token: " + masker().mask(reply.message()));
        }
        if (!reply.ok()) {
            ConfigKey blame = "10018".equals(reply.code()) ? APP_KEY : APP_SECRET;
            throw new Refused(blame, "the token request was refused (code " + reply.code() + ": " + reply.message()
                    + "); check " + blame.name());
        }
        String token = reply.data().path("access_token").asText("");
        if (token.isEmpty()) {
            throw new ConnectorException(SYSTEM, Outcome.RETRYABLE, "token: answer without access_token");
        }
        long expire = reply.data().path("expire").asLong(7200);
        log.debug("yonbip token obtained for app {}, renewed after {} s", cfg.string(APP_KEY), expire * 8 / 10);
        return new TokenCache.Token<>(token, clock.instant().plusSeconds(Math.max(1, expire * 8 / 10)));
    }
}
