package org.aftersaleshub.connector.yonyou.u8;

import static org.aftersaleshub.connector.yonyou.YonyouSupport.decimal;
import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.auth.TokenCache;
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
 * Yonyou U8 / U8+ OpenAPI connector (erp-apis.md §2).
 *
 * <p><b>Exactly one voucher per part usage.</b> Every {@code otherout/add} carries {@code biz_id} = the part-usage id,
 * unchanged ({@link #documentNumberFor(String)}), and never a {@code tradeid}: U8 keeps one voucher per biz_id and
 * answers a repeat with the original result (§2.3), so a retry after an unknown outcome (timeout after commit,
 * reset, 5xx, lost async result) is reconciled by the ERP's own duplicate guard rather than written blindly; a
 * server configured to answer a repeat with an error ({@code u8.duplicate-errcodes}) counts as "already booked".
 * Within one call only answers that certainly did not happen (refused connection, 503, 429, a rejected token) are
 * repeated; an unknown outcome is thrown as {@link Outcome#OUTCOME_UNKNOWN} for the hub to redeliver.
 *
 * <p><b>Token.</b> {@code /system/token} through the kit's single-flight {@link TokenCache}, reused at most
 * {@code u8.token-ttl-seconds} (≤ 1 h 55 min); a token errcode drops it and the call is repeated once.
 *
 * <p><b>Returns.</b> The spec documents no other-inbound {@code add} for U8, so {@link #compensate} answers FAILED
 * (refused for good, with a reason naming the usage) instead of guessing an API.
 */
public final class U8Connector extends AbstractHubConnector<U8Connector.State>
        implements StockDeductions, StockQueries {

    public static final String NAME = "u8";
    static final String OTHEROUT_ADD = "otherout/add";
    static final String CURRENT_STOCK = "currentstock/batch_get";
    private static final Logger log = LoggerFactory.getLogger(U8Connector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_IN_MESSAGE = Pattern.compile("id\\s*[=:：]\\s*([A-Za-z0-9_-]+)");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final TokenCache<String> tokens;

    /** Everything derived from one configuration. */
    record State(ConnectorConfig cfg, YonyouHttp http, SecretMasker masker, RateBudgets budgets,
                 Backoff backoff, TokenCache.Key key, Set<String> tokenCodes, Set<String> duplicateCodes,
                 Set<String> retryableCodes) {

        String base() {
            return cfg.uri(BASE_URL).toString();
        }

        /** The caller parameters every business call carries. */
        Map<String, String> caller(String token) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("from_account", cfg.string(FROM_ACCOUNT));
            q.put("to_account", cfg.string(TO_ACCOUNT));
            q.put("app_key", cfg.string(APP_KEY));
            q.put("token", token);
            if (cfg.isSet(DS_SEQUENCE)) {
                q.put("ds_sequence", String.valueOf(cfg.integer(DS_SEQUENCE)));
            }
            return q;
        }
    }

    /** The token endpoint refused the credentials (as opposed to not answering). */
    private static final class CredentialsRefused extends ConnectorException {
        CredentialsRefused(String message) {
            super(NAME, Outcome.NOT_RETRYABLE, message);
        }
    }

    public U8Connector() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when cached tokens are renewed (tests pass a controllable one) */
    public U8Connector(Clock clock) {
        super(NAME, CONFIG_DEF, EnumSet.of(Capability.STOCK_DEDUCTION, Capability.STOCK_QUERY));
        this.clock = clock;
        this.tokens = new TokenCache<>(clock, Duration.ofMinutes(1));
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
        State probe = stateFor(cfg, timeout);
        List<ConfigProblem> problems = new ArrayList<>();
        String token;
        try {
            token = fetchToken(probe).value();
        } catch (CredentialsRefused e) {
            problems.add(new ConfigProblem(APP_SECRET.name(), "authentication", APP_SECRET.display()
                    + ": the open platform refused the credentials (" + probe.masker().mask(e.getMessage())
                    + "); check u8.from-account, u8.app-key and u8.app-secret (应用密钥)"));
            return problems;
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(BASE_URL.name(), "connectivity", BASE_URL.display() + ": cannot get a "
                    + "token within " + timeout.toMillis() + " ms (" + probe.masker().mask(e.getMessage())
                    + "); check the URL and the network"));
            return problems;
        }
        // the token proves from-account/app-key/app-secret; a one-row stock read proves to-account and the agent
        Map<String, String> q = probe.caller(token);
        q.put("page_index", "1");
        q.put("rows_per_page", "1");
        HttpResult r = probe.http().get(YonyouHttp.resolve(probe.base(), "api/" + CURRENT_STOCK, q), timeout);
        U8Reply reply = r.isSuccess() ? U8Reply.parse(r.body()) : null;
        if (reply == null) {
            problems.add(new ConfigProblem(BASE_URL.name(), "connectivity", BASE_URL.display() + ": a token was "
                    + "issued but the business API did not answer (" + probe.masker().mask(r.problem()) + ")"));
        } else if (!reply.ok()) {
            problems.add(new ConfigProblem(TO_ACCOUNT.name(), "authentication", TO_ACCOUNT.display()
                    + ": U8 refused a stock read for this enterprise account (errcode " + reply.errcode() + ": "
                    + probe.masker().mask(reply.errmsg()) + "); check u8.to-account and that the enterprise "
                    + "authorised the app and runs the 开放平台客户端 agent"));
        }
        return problems;
    }

    @Override
    protected State open(ConnectorConfig cfg) {
        return stateFor(cfg, cfg.millis(TIMEOUT_MS));
    }

    @Override
    protected void close(State state) {
        tokens.clear();
    }

    private State stateFor(ConnectorConfig cfg, Duration timeout) {
        SecretMasker masker = new SecretMasker(cfg.secretValues());
        YonyouHttp http = new YonyouHttp(cfg.millis(CONNECT_TIMEOUT_MS), timeout, masker);
        RateBudgets budgets = new RateBudgets(cfg.integer(REQUESTS_PER_SECOND), Duration.ofSeconds(1), timeout);
        Backoff backoff = new Backoff(cfg.millis(BACKOFF_INITIAL_MS), cfg.millis(BACKOFF_MAX_MS));
        TokenCache.Key key = new TokenCache.Key(NAME, cfg.string(FROM_ACCOUNT), cfg.string(APP_KEY));
        return new State(cfg, http, masker, budgets, backoff, key, codes(cfg.string(TOKEN_ERRCODES)),
                codes(cfg.string(DUPLICATE_ERRCODES)), codes(cfg.string(RETRYABLE_ERRCODES)));
    }

    private static Set<String> codes(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many tokens this connector obtained for its app since it was created. */
    public long tokenRefreshes() {
        State s = runningOrNull();
        return s == null ? 0 : tokens.refreshCount(s.key());
    }

    @Override
    public String toString() {
        State s = runningOrNull();
        return "U8Connector" + (s == null ? "[stopped]" : s.cfg().toString());
    }

    // ------------------------------------------------------------------ stock deduction

    /** The U8 {@code biz_id} of the usage's voucher: the part-usage id itself, stable across every retry. */
    @Override
    public String documentNumberFor(String usageId) {
        if (usageId == null || usageId.isBlank()) {
            throw new IllegalArgumentException("usageId must not be blank");
        }
        return usageId;
    }

    @Override
    public DeductionResult deduct(DeductionRequest request) {
        State s = running();
        String bizId = documentNumberFor(request.usageId());
        String inventory = request.erpPartCode() != null ? request.erpPartCode()
                : s.cfg().map(INVENTORY_CODES).getOrDefault(request.partSku(), request.partSku());
        String warehouse = s.cfg().map(WAREHOUSE_CODES).getOrDefault(request.warehouse(), request.warehouse());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode v = body.putObject("otherout");
        v.put("date", LocalDate.ofInstant(clock.instant(), CHINA).toString());
        v.put("warehousecode", warehouse);
        v.put("receivecode", s.cfg().string(RECEIVE_CODE));
        if (s.cfg().isSet(DEPARTMENT_CODE)) {
            v.put("departmentcode", s.cfg().string(DEPARTMENT_CODE));
        }
        if (s.cfg().isSet(MAKER)) {
            v.put("maker", s.cfg().string(MAKER));
        }
        v.put("memory", "aftersales-hub ticket " + request.ticketId() + " part usage " + request.usageId());
        ObjectNode line = v.putArray("entry").addObject();
        line.put("inventorycode", inventory);
        line.put("quantity", request.quantity().value());
        boolean sync = s.cfg().enumValue(WRITE_MODE, WriteMode.class) == WriteMode.SYNC;
        String json = body.toString();

        U8Reply reply = call(s, OTHEROUT_ADD, true, token -> {
            Map<String, String> q = s.caller(token);
            q.put("biz_id", bizId);
            q.put("sync", sync ? "1" : "0");
            return s.http().postJson(YonyouHttp.resolve(s.base(), "api/" + OTHEROUT_ADD, q), json, null);
        });
        if (reply.ok() && reply.body().hasNonNull("url")) {
            reply = poll(s, reply, bizId);
        }
        if (reply.ok()) {
            String id = reply.body().path("id").asText(null);
            log.info("u8 other-outbound voucher {} booked for part usage {} (biz_id {}, {} x {} from {})", id,
                    request.usageId(), bizId, request.quantity().value().toPlainString(), inventory, warehouse);
            return DeductionResult.done(request.usageId(), id, false);
        }
        if (s.duplicateCodes().contains(reply.errcode())) {
            Matcher m = ID_IN_MESSAGE.matcher(reply.errmsg());
            String id = m.find() ? m.group(1) : null;
            log.info("u8 already holds the voucher {} for part usage {} (biz_id {})", id, request.usageId(), bizId);
            return DeductionResult.done(request.usageId(), id, true);
        }
        String reason = "U8 errcode " + reply.errcode() + ": " + s.masker().mask(reply.errmsg());
        log.warn("u8 refused part usage {} (biz_id {}): {}", request.usageId(), bizId, reason);
        return DeductionResult.failed(request.usageId(), null, reason);
    }

    /** ASYNC mode: GET the result url after {@code ping_after} (capped) until the answer has no {@code url}. */
    private U8Reply poll(State s, U8Reply first, String bizId) {
        U8Reply current = first;
        int maxPolls = s.cfg().integer(ASYNC_MAX_POLLS);
        for (int n = 1; n <= maxPolls; n++) {
            long waitMs = Math.min(current.body().path("ping_after").asLong(3) * 1000, s.cfg().longValue(ASYNC_MAX_WAIT_MS));
            pause(waitMs);
            URI url = URI.create(current.body().path("url").asText());
            HttpResult r = s.http().get(url, null);
            U8Reply next = r.isSuccess() ? U8Reply.parse(r.body()) : null;
            if (next == null) {
                log.debug("u8 result poll {} for biz_id {} failed: {}", n, bizId, s.masker().mask(r.problem()));
                continue; // a read: poll again with the url we have
            }
            if (!next.ok() || !next.body().hasNonNull("url")) {
                return next;
            }
            current = next;
        }
        throw new ConnectorException(NAME, Outcome.OUTCOME_UNKNOWN, "no final result for biz_id " + bizId + " after "
                + maxPolls + " polls; deliver again later with the same biz_id (U8 keeps one voucher per biz_id)");
    }

    @Override
    public DeductionResult compensate(ReturnRequest request) {
        running();
        // refused for good rather than thrown: retrying or replaying cannot help, and the hub journals the reason
        // on the ticket (REFUSED) instead of filing a dead letter that no replay would ever clear
        return DeductionResult.failed(request.deduction().usageId(), null, "part returns are not booked in U8: the "
                + "U8 OpenAPI reference (erp-apis.md §2) documents no other-inbound add; book the return for usage "
                + request.deduction().usageId() + " in U8 by hand");
    }

    // ------------------------------------------------------------------ stock query

    @Override
    public StockLevel stockLevel(StockQuery query) {
        State s = running();
        String inventory = query.erpPartCode() != null ? query.erpPartCode()
                : s.cfg().map(INVENTORY_CODES).getOrDefault(query.partSku(), query.partSku());
        String warehouse = s.cfg().map(WAREHOUSE_CODES).getOrDefault(query.warehouse(), query.warehouse());
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (int page = 1; ; page++) {
            int pageIndex = page;
            U8Reply reply = call(s, CURRENT_STOCK, false, token -> {
                Map<String, String> q = s.caller(token);
                q.put("whcode_begin", warehouse);
                q.put("whcode_end", warehouse);
                q.put("invcode_begin", inventory);
                q.put("invcode_end", inventory);
                q.put("page_index", String.valueOf(pageIndex));
                q.put("rows_per_page", "100");
                return s.http().get(YonyouHttp.resolve(s.base(), "api/" + CURRENT_STOCK, q), null);
            });
            if (!reply.ok()) {
                throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "current stock of " + inventory + " in "
                        + warehouse + " refused: errcode " + reply.errcode() + ": " + s.masker().mask(reply.errmsg()));
            }
            for (JsonNode row : reply.body().path("currentstock")) {
                // batches and free items come as separate rows; the range filter is inclusive, so re-check codes
                if (inventory.equals(row.path("invcode").asText()) && warehouse.equals(row.path("whcode").asText())) {
                    qty = qty.add(decimal(row.path("qty")));
                    available = available.add(decimal(row.has("availqty") ? row.path("availqty") : row.path("qty")));
                }
            }
            int pageCount = parseInt(reply.body().path("page_count").asText("1"));
            if (page >= pageCount) {
                break;
            }
        }
        return new StockLevel(query.partSku(), query.warehouse(), qty, available, clock.instant(), NAME);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * One API call with budget, token and in-call retries. Returns the parsed answer (success or a business errcode
     * for the caller to judge); throws {@link ConnectorException} when no final answer came.
     *
     * @param write true for {@code add}: an unknown outcome is not repeated here but thrown
     */
    private U8Reply call(State s, String op, boolean write, Function<String, HttpResult> send) {
        int max = s.cfg().integer(MAX_ATTEMPTS);
        boolean tokenRetried = false;
        for (int attempt = 1; ; attempt++) {
            if (!s.budgets().acquire(RateBudgets.key(NAME, s.cfg().string(APP_KEY), "api"))) {
                throw new ConnectorException(NAME, Outcome.RETRYABLE, op + ": no call budget within the timeout");
            }
            String token;
            HttpResult r;
            try {
                token = token(s);
            } catch (ConnectorException e) {
                if (e.isRetryable() && attempt < max) {
                    s.backoff().pause(attempt, null);
                    continue;
                }
                throw e;
            }
            r = send.apply(token);
            Outcome outcome = r.outcome();
            U8Reply reply = null;
            String problem = r.problem();
            if (outcome == Outcome.SUCCESS) {
                reply = U8Reply.parse(r.body());
                if (reply == null) {
                    outcome = write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE;
                    problem = "unreadable answer (HTTP " + r.status() + ")";
                }
            }
            if (reply != null) {
                if (s.tokenCodes().contains(reply.errcode())) {
                    tokens.invalidate(s.key(), token);
                    if (!tokenRetried) {
                        // the gateway refused the token before doing anything: safe to repeat, also for a keyed add
                        log.debug("u8 token rejected on {} (errcode {}); fetching a new one", op, reply.errcode());
                        tokenRetried = true;
                        attempt--;
                        continue;
                    }
                    throw new ConnectorException(NAME, Outcome.RETRYABLE, op + ": token rejected twice (errcode "
                            + reply.errcode() + ")");
                }
                if (!s.retryableCodes().contains(reply.errcode())) {
                    return reply;
                }
                outcome = Outcome.RETRYABLE;
                problem = "errcode " + reply.errcode() + ": " + s.masker().mask(reply.errmsg());
            }
            boolean repeatable = outcome == Outcome.RETRYABLE || (!write && outcome == Outcome.OUTCOME_UNKNOWN);
            if (repeatable && attempt < max) {
                log.debug("u8 {} attempt {} did not happen ({}); backing off", op, attempt, problem);
                s.backoff().pause(attempt, r.retryAfter().orElse(null));
                continue;
            }
            throw new ConnectorException(NAME, outcome, op + ": " + problem);
        }
    }

    private String token(State s) {
        return YonyouSupport.token(NAME, tokens, s.key(), () -> fetchToken(s), s.masker());
    }

    private TokenCache.Token<String> fetchToken(State s) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from_account", s.cfg().string(FROM_ACCOUNT));
        q.put("app_key", s.cfg().string(APP_KEY));
        q.put("app_secret", s.cfg().string(APP_SECRET));
        HttpResult r = s.http().get(YonyouHttp.resolve(s.base(), "system/token", q), null);
        if (!r.isSuccess()) {
            Outcome o = r.outcome() == Outcome.NOT_RETRYABLE ? Outcome.NOT_RETRYABLE : Outcome.RETRYABLE;
            throw new ConnectorException(NAME, o, "token: " + s.masker().mask(r.problem()));
        }
        U8Reply reply = U8Reply.parse(r.body());
        if (reply == null) {
            throw new ConnectorException(NAME, Outcome.RETRYABLE, "token: unreadable answer");
        }
        if (!reply.ok()) {
            throw new CredentialsRefused("token refused, errcode " + reply.errcode() + ": "
                    + s.masker().mask(reply.errmsg()));
        }
        String id = reply.body().path("token").path("id").asText("");
        if (id.isBlank()) {
            throw new ConnectorException(NAME, Outcome.RETRYABLE, "token: answer without token.id");
        }
        long lifetime = reply.body().path("token").path("expiresIn").asLong(7200);
        long ttl = Math.max(1, Math.min(lifetime, s.cfg().longValue(TOKEN_TTL_SECONDS)));
        log.debug("u8 token obtained for app {}, reused for {} s", s.cfg().string(APP_KEY), ttl);
        return new TokenCache.Token<>(id, clock.instant().plusSeconds(ttl));
    }

    private static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(NAME, Outcome.OUTCOME_UNKNOWN, "interrupted while waiting for a U8 result");
        }
    }
}
