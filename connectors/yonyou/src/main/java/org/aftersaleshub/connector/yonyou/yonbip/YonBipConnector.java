package org.aftersaleshub.connector.yonyou.yonbip;

import static org.aftersaleshub.connector.yonyou.YonyouSupport.decimal;
import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.config.InvalidConfigException;
import org.aftersaleshub.connector.http.Backoff;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.YonyouHttp;
import org.aftersaleshub.connector.yonyou.YonyouSupport;
import org.aftersaleshub.model.StockLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * YonBIP / YonSuite OpenAPI connector (erp-apis.md §3).
 *
 * <p><b>Exactly one document per part usage.</b> {@code othoutrecord/single/save} carries {@code resubmitCheckKey}
 * = {@link #documentNumberFor(String)}: {@code "ah"} + the first 30 hex digits of SHA-256(part-usage id), 32
 * characters, deterministic, so every retry of the same usage is the same MDD-idempotent save and YonBIP returns the
 * document it already holds (§3.5). The document is then audited with {@code batchaudit}; when the audit reports a
 * failure (or its answer was lost), the document itself is read ({@code detail}) and an already audited document
 * counts as booked, so a lost answer never leads to a second audit or a second document.
 *
 * <p><b>Gateway and token.</b> The gateway is discovered per tenant ({@code getGatewayAddress}) unless configured;
 * the token is requested with the HmacSHA256 signature on the {@code base/v1} path (or the legacy one, each the
 * fallback of the other), cached single-flight and renewed at 80 % of {@code expire}; it always travels URL-encoded.
 * 310036 (and its relatives) drops the token and repeats the call once: reads, and the two writes above, which are
 * keyed and therefore not blind. HTTP 429 / 310046 / 999 are backed off and retried within the call.
 *
 * <p><b>Returns.</b> The spec documents no other-inbound API for YonBIP, so {@link #compensate} answers FAILED
 * (refused for good, with a reason naming the usage).
 */
public final class YonBipConnector extends AbstractHubConnector<YonBipConnector.State>
        implements StockDeductions, StockQueries {

    public static final String NAME = "yonbip";
    static final String SAVE = "/yonbip/scm/othoutrecord/single/save";
    static final String AUDIT = "/yonbip/scm/othoutrecord/batchaudit";
    static final String DETAIL = "/yonbip/scm/othoutrecord/detail";
    static final String STOCK = "/yonbip/scm/stock/QueryCurrentStocksByCondition";
    static final String TOKEN_V1 = "/open-auth/selfAppAuth/base/v1/getAccessToken";
    static final String TOKEN_LEGACY = "/open-auth/selfAppAuth/getAccessToken";
    private static final Logger log = LoggerFactory.getLogger(YonBipConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final TokenCache<String> tokens;

    /** The discovered (or configured) addresses. */
    private record Addresses(String gateway, String auth) { }

    static final class State {
        final ConnectorConfig cfg;
        final YonyouHttp http;
        final SecretMasker masker;
        final RateBudgets budgets;
        final Backoff backoff;
        final TokenCache.Key key;
        volatile Addresses addresses;

        State(ConnectorConfig cfg, Duration timeout) {
            this.cfg = cfg;
            this.masker = new SecretMasker(cfg.secretValues());
            this.http = new YonyouHttp(cfg.millis(CONNECT_TIMEOUT_MS), timeout, masker);
            this.budgets = new RateBudgets(cfg.integer(REQUESTS_PER_SECOND), Duration.ofSeconds(1), timeout);
            this.backoff = new Backoff(cfg.millis(BACKOFF_INITIAL_MS), cfg.millis(BACKOFF_MAX_MS));
            String tenant = cfg.isSet(TENANT_ID) ? cfg.string(TENANT_ID) : cfg.uri(GATEWAY_URL).getHost();
            this.key = new TokenCache.Key(NAME, tenant, cfg.string(APP_KEY));
        }
    }

    /** The platform refused something a config key decides (tenant id, app key, app secret). */
    private static final class Refused extends ConnectorException {
        final ConfigKey key;

        Refused(ConfigKey key, String message) {
            super(NAME, Outcome.NOT_RETRYABLE, message);
            this.key = key;
        }
    }

    public YonBipConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when cached tokens are renewed (tests pass a controllable one) */
    public YonBipConnector(Clock clock) {
        super(NAME, CONFIG_DEF, EnumSet.of(Capability.STOCK_DEDUCTION, Capability.STOCK_QUERY));
        this.clock = clock;
        this.tokens = new TokenCache<>(clock, Duration.ZERO); // expiry is stored at 80 % of the real lifetime
    }

    // ------------------------------------------------------------------ SPI

    @Override
    public List<ConfigProblem> validateConnectivity(Map<String, String> config, Duration timeout) {
        ConnectorConfig cfg;
        try {
            cfg = CONFIG_DEF.parse(NAME, config);
        } catch (InvalidConfigException e) {
            return e.problems();
        }
        State probe = new State(cfg, timeout);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigKey where = cfg.isSet(GATEWAY_URL) ? TOKEN_URL : DISCOVERY_URL;
        try {
            fetchToken(probe);
        } catch (Refused e) {
            problems.add(new ConfigProblem(e.key.name(), "authentication", e.key.display() + ": "
                    + probe.masker.mask(e.getMessage())));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(where.name(), "connectivity", where.display() + ": cannot reach YonBIP "
                    + "within " + timeout.toMillis() + " ms (" + probe.masker.mask(e.getMessage()) + ")"));
        }
        return problems;
    }

    @Override
    protected State open(ConnectorConfig cfg) {
        return new State(cfg, cfg.millis(TIMEOUT_MS));
    }

    @Override
    protected void close(State state) {
        tokens.clear();
    }

    @Override
    public String toString() {
        State s = runningOrNull();
        return "YonBipConnector" + (s == null ? "[stopped]" : s.cfg.toString());
    }

    // ------------------------------------------------------------------ deduction

    /**
     * The {@code resubmitCheckKey} of the usage's document: {@code "ah"} + the first 30 lower-case hex digits of
     * SHA-256 over the UTF-8 part-usage id — 32 characters (the documented maximum), the same for every retry.
     */
    @Override
    public String documentNumberFor(String usageId) {
        if (usageId == null || usageId.isBlank()) {
            throw new IllegalArgumentException("usageId must not be blank");
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(usageId.getBytes(StandardCharsets.UTF_8));
            return "ah" + HexFormat.of().formatHex(d).substring(0, 30);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DeductionResult deduct(DeductionRequest request) {
        State s = running();
        String key = documentNumberFor(request.usageId());
        String product = request.erpPartCode() != null ? request.erpPartCode()
                : s.cfg.map(PRODUCT_CODES).getOrDefault(request.partSku(), request.partSku());
        String warehouse = s.cfg.map(WAREHOUSE_CODES).getOrDefault(request.warehouse(), request.warehouse());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode d = body.putObject("data");
        d.put("resubmitCheckKey", key);
        d.put("org", s.cfg.string(ORG));
        d.put("accountOrg", s.cfg.isSet(ACCOUNT_ORG) ? s.cfg.string(ACCOUNT_ORG) : s.cfg.string(ORG));
        d.put("vouchdate", LocalDate.ofInstant(clock.instant(), CHINA).toString());
        d.put("bustype", s.cfg.string(BUSTYPE));
        d.put("warehouse", warehouse);
        if (s.cfg.isSet(DEPARTMENT)) {
            d.put("department", s.cfg.string(DEPARTMENT));
        }
        if (s.cfg.isSet(OPERATOR)) {
            d.put("operator", s.cfg.string(OPERATOR));
        }
        d.put("memo", "aftersales-hub ticket " + request.ticketId() + " part usage " + request.usageId());
        d.put("_status", "Insert");
        d.put("out_sys_id", request.usageId());
        d.put("out_sys_code", request.ticketId());
        d.put("out_sys_type", "aftersales-hub");
        ObjectNode line = d.putArray("othOutRecords").addObject();
        line.put("product", product);
        line.put("qty", request.quantity().value());
        line.put("unit", s.cfg.map(UNIT_CODES).getOrDefault(request.quantity().unit(), request.quantity().unit()));
        line.put("_status", "Insert");
        line.put("out_sys_lineid", request.usageId());
        String json = body.toString();

        YonBipReply saved = call(s, SAVE, true, t -> s.http.postJson(gateway(s, SAVE, t), json, null));
        if (!saved.ok()) {
            return refused(request, null, "save", saved);
        }
        JsonNode doc = saved.data();
        String id = doc.path("id").asText();
        String code = doc.path("code").asText(null);
        if (audited(s, doc)) {
            return booked(request, code, key, true);
        }
        String auditJson = JSON.createObjectNode().set("data", JSON.createArrayNode().add(
                JSON.createObjectNode().put("id", id))).toString();
        YonBipReply audit;
        try {
            audit = call(s, AUDIT, true, t -> s.http.postJson(gateway(s, AUDIT, t), auditJson, null));
        } catch (ConnectorException e) {
            if (e.outcome() != Outcome.OUTCOME_UNKNOWN) {
                throw e;
            }
            audit = null; // the answer was lost: the document says whether the audit happened
        }
        if (audit != null && audit.ok() && audit.data().path("failCount").asInt(0) == 0
                && audit.data().path("sucessCount").asInt(audit.data().path("successCount").asInt(0)) > 0) {
            return booked(request, code, key, false);
        }
        YonBipReply detail = call(s, DETAIL, false, t -> s.http.get(gateway(s, DETAIL + "?id=" + id, t), null));
        if (detail.ok() && audited(s, detail.data())) {
            return booked(request, code, key, true);
        }
        if (audit == null) {
            throw new ConnectorException(NAME, Outcome.OUTCOME_UNKNOWN, "audit of document " + code + " unanswered "
                    + "and not visible yet; deliver again (same resubmitCheckKey)");
        }
        String why = audit.ok() ? audit.data().path("failInfos").path(0).path("message")
                .asText(audit.data().path("messages").path(0).asText("audit failed")) : audit.message();
        String reason = "YonBIP audit of " + code + " failed: " + s.masker.mask(why);
        log.warn("yonbip refused part usage {}: {}", request.usageId(), reason);
        return DeductionResult.failed(request.usageId(), code, reason);
    }

    private boolean audited(State s, JsonNode doc) {
        return doc.path("audited").asBoolean(false) || doc.path("status").asInt(-1) == s.cfg.integer(AUDITED_STATUS);
    }

    private DeductionResult booked(DeductionRequest request, String code, String key, boolean existed) {
        log.info("yonbip other-outbound document {} {} for part usage {} (resubmitCheckKey {})", code,
                existed ? "already audited" : "saved and audited", request.usageId(), key);
        return DeductionResult.done(request.usageId(), code, existed);
    }

    private DeductionResult refused(DeductionRequest request, String code, String step, YonBipReply r) {
        String reason = "YonBIP " + step + " refused, code " + r.code() + ": " + r.message();
        log.warn("yonbip refused part usage {}: {}", request.usageId(), reason);
        return DeductionResult.failed(request.usageId(), code, reason);
    }

    @Override
    public DeductionResult compensate(ReturnRequest request) {
        running();
        // refused for good rather than thrown: retrying or replaying cannot help, and the hub journals the reason
        // on the ticket (REFUSED) instead of filing a dead letter that no replay would ever clear
        return DeductionResult.failed(request.deduction().usageId(), null, "part returns are not booked in YonBIP: the "
                + "YonBIP reference (erp-apis.md §3) documents no other-inbound API; book the return for usage "
                + request.deduction().usageId() + " in YonBIP by hand");
    }

    // ------------------------------------------------------------------ stock

    @Override
    public StockLevel stockLevel(StockQuery query) {
        State s = running();
        String product = query.erpPartCode() != null ? query.erpPartCode()
                : s.cfg.map(PRODUCT_CODES).getOrDefault(query.partSku(), query.partSku());
        String warehouse = s.cfg.map(WAREHOUSE_CODES).getOrDefault(query.warehouse(), query.warehouse());
        ObjectNode filter = JSON.createObjectNode();
        filter.put("org", s.cfg.string(ORG));
        filter.put("warehouse.code", warehouse);
        filter.put("productn.code", product); // sic, as documented
        String json = filter.toString();
        YonBipReply r = call(s, STOCK, false, t -> s.http.postJson(gateway(s, STOCK, t), json, null));
        if (!r.ok()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "current stock of " + product + " in "
                    + warehouse + " refused, code " + r.code() + ": " + r.message());
        }
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (JsonNode row : r.data()) { // data is a bare array (§3.4)
            if (row.has("product_code") && !product.equals(row.path("product_code").asText())) {
                continue;
            }
            qty = qty.add(decimal(row.path("currentqty")));
            available = available.add(decimal(row.path("availableqty")));
        }
        return new StockLevel(query.partSku(), query.warehouse(), qty, available, clock.instant(), NAME);
    }

    // ------------------------------------------------------------------ calls

    private java.net.URI gateway(State s, String pathAndQuery, String token) {
        String base = addresses(s).gateway();
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        // the token carries '+', '/' and '=': always URL-encoded (§3.2)
        return java.net.URI.create(trim(base) + pathAndQuery + sep + "access_token=" + YonyouHttp.encode(token));
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * One gateway call with budget, token and in-call retries; returns the classified answer (OK, or a refusal /
     * not-found for the caller to judge), throws when there is no final answer.
     */
    private YonBipReply call(State s, String op, boolean write, Function<String, HttpResult> send) {
        int max = s.cfg.integer(MAX_ATTEMPTS);
        boolean tokenRetried = false;
        for (int attempt = 1; ; attempt++) {
            if (!s.budgets.acquire(RateBudgets.key(NAME, s.cfg.string(APP_KEY), "api"))) {
                throw new ConnectorException(NAME, Outcome.RETRYABLE, op + ": no call budget within the timeout");
            }
            String token;
            try {
                token = token(s);
            } catch (ConnectorException e) {
                if (e.isRetryable() && attempt < max) {
                    s.backoff.pause(attempt, null);
                    continue;
                }
                throw e;
            }
            HttpResult r = send.apply(token);
            YonBipReply reply = YonBipReply.of(r);
            switch (reply.kind()) {
                case OK, NOT_FOUND, REFUSED -> {
                    return reply;
                }
                case NO_SUCH_API -> throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, op + " is not "
                        + "registered on the gateway (" + reply.code() + "); check the gateway address");
                case TOKEN_INVALID -> {
                    tokens.invalidate(s.key, token);
                    if (!tokenRetried) {
                        log.debug("yonbip token rejected on {} (code {}); fetching a new one", op, reply.code());
                        tokenRetried = true;
                        attempt--;
                        continue;
                    }
                    throw new ConnectorException(NAME, Outcome.RETRYABLE, op + ": token rejected twice");
                }
                default -> { }
            }
            Outcome outcome = reply.outcome(r, write);
            boolean repeatable = outcome == Outcome.RETRYABLE || (!write && outcome == Outcome.OUTCOME_UNKNOWN);
            if (repeatable && attempt < max) {
                log.debug("yonbip {} attempt {} answered {} {}; backing off", op, attempt, reply.code(),
                        s.masker.mask(reply.message()));
                s.backoff.pause(attempt, r.retryAfter().orElse(null));
                continue;
            }
            if (reply.kind() == YonBipReply.Kind.SYSTEM_ERROR) {
                return reply; // 999 系统异常 every time: the caller reports YonBIP's message
            }
            throw new ConnectorException(NAME, outcome, op + ": " + reply.code() + " " + s.masker.mask(reply.message()));
        }
    }

    private String token(State s) {
        return YonyouSupport.token(NAME, tokens, s.key, () -> fetchToken(s), s.masker);
    }

    private Addresses addresses(State s) {
        Addresses a = s.addresses;
        if (a != null) {
            return a;
        }
        synchronized (s) {
            if (s.addresses != null) {
                return s.addresses;
            }
            if (s.cfg.isSet(GATEWAY_URL)) {
                a = new Addresses(trim(s.cfg.uri(GATEWAY_URL).toString()), trim(s.cfg.uri(TOKEN_URL).toString()));
            } else {
                HttpResult r = s.http.get(YonyouHttp.resolve(s.cfg.uri(DISCOVERY_URL).toString(),
                        "open-auth/dataCenter/getGatewayAddress", Map.of("tenantId", s.cfg.string(TENANT_ID))), null);
                YonBipReply reply = YonBipReply.of(r);
                if (reply.kind() == YonBipReply.Kind.TRANSPORT || reply.kind() == YonBipReply.Kind.NO_SUCH_API) {
                    throw new ConnectorException(NAME, Outcome.RETRYABLE, "gateway discovery: " + reply.message());
                }
                if (!reply.ok() || reply.data().path("gatewayUrl").asText("").isBlank()) {
                    throw new Refused(TENANT_ID, "gateway discovery refused the tenant (code " + reply.code() + ": "
                            + reply.message() + "); check yonbip.tenant-id");
                }
                a = new Addresses(trim(reply.data().path("gatewayUrl").asText()),
                        trim(reply.data().path("tokenUrl").asText()));
                log.info("yonbip gateway for tenant {}: {}", s.cfg.string(TENANT_ID), a.gateway());
            }
            s.addresses = a;
            return a;
        }
    }

    /** {@code Base64(HmacSHA256(appSecret, "appKey" + appKey + "timestamp" + timestamp))}, not yet URL-encoded. */
    static String signature(String appKey, String timestamp, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(("appKey" + appKey + "timestamp" + timestamp)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenCache.Token<String> fetchToken(State s) {
        String auth = addresses(s).auth();
        List<String> paths = s.cfg.enumValue(TOKEN_PATH, TokenPath.class) == TokenPath.BASE_V1
                ? List.of(TOKEN_V1, TOKEN_LEGACY) : List.of(TOKEN_LEGACY, TOKEN_V1);
        YonBipReply reply = null;
        for (String path : paths) {
            String ts = String.valueOf(clock.millis());
            Map<String, String> q = new LinkedHashMap<>();
            q.put("appKey", s.cfg.string(APP_KEY));
            q.put("timestamp", ts);
            q.put("signature", signature(s.cfg.string(APP_KEY), ts, s.cfg.string(APP_SECRET)));
            reply = YonBipReply.of(s.http.get(YonyouHttp.resolve(auth, path, q), null));
            if (reply.kind() != YonBipReply.Kind.NO_SUCH_API) {
                break;
            }
        }
        if (reply.kind() == YonBipReply.Kind.TRANSPORT || reply.kind() == YonBipReply.Kind.NO_SUCH_API
                || reply.kind() == YonBipReply.Kind.RATE_LIMITED || reply.kind() == YonBipReply.Kind.SYSTEM_ERROR) {
            throw new ConnectorException(NAME, Outcome.RETRYABLE, "token: " + s.masker.mask(reply.message()));
        }
        if (!reply.ok()) {
            ConfigKey blame = "10018".equals(reply.code()) ? APP_KEY : APP_SECRET;
            throw new Refused(blame, "the token request was refused (code " + reply.code() + ": " + reply.message()
                    + "); check " + blame.name());
        }
        String token = reply.data().path("access_token").asText("");
        if (token.isEmpty()) {
            throw new ConnectorException(NAME, Outcome.RETRYABLE, "token: answer without access_token");
        }
        long expire = reply.data().path("expire").asLong(7200);
        log.debug("yonbip token obtained for app {}, renewed after {} s", s.cfg.string(APP_KEY), expire * 8 / 10);
        return new TokenCache.Token<>(token, clock.instant().plusSeconds(Math.max(1, expire * 8 / 10)));
    }

    /** How many tokens this connector obtained for its app since it was created. */
    public long tokenRefreshes() {
        State s = runningOrNull();
        return s == null ? 0 : tokens.refreshCount(s.key);
    }
}
