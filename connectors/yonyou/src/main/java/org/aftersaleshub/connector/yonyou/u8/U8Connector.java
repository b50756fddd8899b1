package org.aftersaleshub.connector.yonyou.u8;

import static org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig.*;
import static org.aftersaleshub.connector.yonyou.u8.connection.U8Client.CURRENT_STOCK;
import static org.aftersaleshub.connector.yonyou.u8.connection.U8Client.INVENTORY_BATCH_GET;
import static org.aftersaleshub.connector.yonyou.u8.connection.U8Client.OTHEROUT_ADD;
import static org.aftersaleshub.connector.yonyou.u8.connection.U8Client.WAREHOUSE_BATCH_GET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.config.InvalidConfigException;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.CatalogCodes;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.CodeForm;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockCatalog;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.connector.yonyou.u8.connection.U8Client;
import org.aftersaleshub.connector.yonyou.u8.connection.U8Reply;
import org.aftersaleshub.model.StockLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yonyou U8 / U8+ OpenAPI connector (docs/vendor-apis/yonyou-u8.md): the vouchers and stock reads; the protocol (token,
 * calls, classification, result polling) is {@link U8Client}.
 *
 * <p><b>Exactly one voucher per part usage.</b> Every {@code otherout/add} carries {@code biz_id} = the part-usage id,
 * unchanged ({@link #documentNumberFor(String)}), and never a {@code tradeid}: U8 keeps one voucher per biz_id and
 * answers a repeat with the original result (docs/vendor-apis/yonyou-u8.md §4), so a retry after an unknown outcome
 * (timeout after commit, reset, 5xx, lost async result) is reconciled by the ERP's own duplicate guard rather than
 * written blindly; a server configured to answer a repeat with an error ({@code u8.duplicate-errcodes}) counts as
 * "already booked". Within one call only answers that certainly did not happen (refused connection, 503, 429, a
 * rejected token) are repeated; an unknown outcome is thrown as {@link Outcome#OUTCOME_UNKNOWN} for the hub to
 * redeliver.
 *
 * <p><b>Returns.</b> The spec documents no other-inbound {@code add} for U8, so {@link #compensate} answers FAILED
 * (refused for good, with a reason naming the usage) instead of guessing an API.
 *
 * <p><b>Known parts and warehouses.</b> {@link StockCatalog}: the instance's {@code u8.inventory-codes} /
 * {@code u8.warehouse-codes}, else the inventory or warehouse archive read by a one-code range
 * ({@code inventory|warehouse/batch_get} with {@code code_begin = code_end}).
 */
public final class U8Connector extends AbstractHubConnector<U8Connector.State>
        implements StockDeductions, StockQueries, StockCatalog {

    public static final String NAME = "u8";
    private static final Logger log = LoggerFactory.getLogger(U8Connector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_IN_MESSAGE = Pattern.compile("id\\s*[=:：]\\s*([A-Za-z0-9_-]+)");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;

    /**
     * Codes travel as URL-encoded query parameters and U8 compares them as range bounds
     * (docs/vendor-apis/yonyou-u8.md §6, §7.1): no character needs refusing but control
     * characters, which no U8 code has.
     */
    static final CodeForm CODE_FORM = CodeForm.ENCODED_TEXT;

    /** Everything one started configuration consists of. */
    record State(ConnectorConfig cfg, U8Client client, Set<String> duplicateCodes, CatalogCodes codes) {
    }

    public U8Connector() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when cached tokens are renewed and dates vouchers (tests pass a controllable one) */
    public U8Connector(Clock clock) {
        super(NAME, CONFIG_DEF, EnumSet.of(Capability.STOCK_DEDUCTION, Capability.STOCK_QUERY,
                Capability.STOCK_CATALOG));
        this.clock = clock;
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
        U8Client probe = new U8Client(cfg, CALLS.values(cfg).cappedAt(timeout), clock);
        List<ConfigProblem> problems = new ArrayList<>();
        String token;
        try {
            token = probe.freshToken();
        } catch (U8Client.CredentialsRefused e) {
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
        Map<String, String> q = new LinkedHashMap<>();
        q.put("page_index", "1");
        q.put("rows_per_page", "1");
        HttpResult r = probe.readOnce(CURRENT_STOCK, q, token);
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
        Set<String> duplicates = Arrays.stream(cfg.string(DUPLICATE_ERRCODES).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new State(cfg, new U8Client(cfg, CALLS.values(cfg), clock), duplicates, new CatalogCodes(NAME,
                CODE_FORM, cfg.map(INVENTORY_CODES), cfg.map(WAREHOUSE_CODES), INVENTORY_CODES.name(),
                WAREHOUSE_CODES.name()));
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        State s = runningOrNull();
        return s == null ? Optional.empty() : Optional.of(s.client().status());
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
        String inventory;
        String warehouse;
        try {
            inventory = s.codes().partCode(request.partSku(), request.erpPartCode());
            warehouse = s.codes().warehouseCode(request.warehouse(), request.erpWarehouseCode());
        } catch (InvalidInputException e) {
            return DeductionResult.failed(request.usageId(), null, e.getMessage());
        }
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

        Map<String, String> q = new LinkedHashMap<>();
        q.put("biz_id", bizId);
        q.put("sync", sync ? "1" : "0");
        U8Reply reply = s.client().write(OTHEROUT_ADD, q, body.toString());
        if (reply.pending()) {
            reply = s.client().awaitResult(reply, bizId);
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
        String reason = "U8 errcode " + reply.errcode() + ": " + s.client().masker().mask(reply.errmsg());
        log.warn("u8 refused part usage {} (biz_id {}): {}", request.usageId(), bizId, reason);
        return DeductionResult.failed(request.usageId(), null, reason);
    }

    @Override
    public DeductionResult compensate(ReturnRequest request) {
        running();
        // refused for good rather than thrown: retrying or replaying cannot help, and the hub journals the reason
        // on the ticket (REFUSED) instead of filing a dead letter that no replay would ever clear
        return DeductionResult.failed(request.deduction().usageId(), null, "part returns are not booked in U8: the "
                + "U8 OpenAPI notes (docs/vendor-apis/yonyou-u8.md §9) document no other-inbound add; book the "
                + "return for usage "
                + request.deduction().usageId() + " in U8 by hand");
    }

    // ------------------------------------------------------------------ stock query

    @Override
    public StockLevel stockLevel(StockQuery query) {
        State s = running();
        String inventory = s.codes().partCode(query.partSku(), query.erpPartCode());
        String warehouse = s.codes().warehouseCode(query.warehouse(), query.erpWarehouseCode());
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (int page = 1; ; page++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("whcode_begin", warehouse);
            q.put("whcode_end", warehouse);
            q.put("invcode_begin", inventory);
            q.put("invcode_end", inventory);
            q.put("page_index", String.valueOf(page));
            q.put("rows_per_page", "100");
            U8Reply reply = s.client().read(CURRENT_STOCK, q);
            if (!reply.ok()) {
                throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "current stock of " + inventory + " in "
                        + warehouse + " refused: errcode " + reply.errcode() + ": "
                        + s.client().masker().mask(reply.errmsg()));
            }
            for (JsonNode row : reply.body().path("currentstock")) {
                // batches and free items come as separate rows; the range filter is inclusive, so re-check codes
                if (inventory.equals(row.path("invcode").asText()) && warehouse.equals(row.path("whcode").asText())) {
                    qty = qty.add(U8Reply.quantity(row.path("qty")));
                    available = available.add(U8Reply.quantity(row.has("availqty") ? row.path("availqty")
                            : row.path("qty")));
                }
            }
            if (page >= pageCount(reply.body().path("page_count").asText("1"))) {
                break;
            }
        }
        return new StockLevel(query.partSku(), query.warehouse(), qty, available, clock.instant(), NAME);
    }

    // ------------------------------------------------------------------ catalog

    @Override
    public CodeForm codeForm() {
        return CODE_FORM;
    }

    @Override
    public CatalogCodes catalogCodes() {
        return running().codes();
    }

    @Override
    public CatalogEntry partKnown(String sku) {
        return running().codes().part(sku, code -> inArchive(INVENTORY_BATCH_GET, "inventory", code, null));
    }

    @Override
    public CatalogEntry warehouseKnown(String warehouse) {
        return running().codes().warehouse(warehouse, code -> inArchive(WAREHOUSE_BATCH_GET, "warehouse", code,
                "cwhcode"));
    }

    /**
     * Whether the archive holds {@code code}: a batch read of the one-code range {@code code_begin = code_end}
     * (docs/vendor-apis/yonyou-u8.md §7), also under the archive's own range names when it has them (the
     * warehouse archive lists {@code cwhcode_begin/_end} beside {@code code_begin/_end}). Rows are compared exactly,
     * as the range is inclusive. A refused read is a failure to answer, never "unknown".
     */
    private boolean inArchive(String resource, String listKey, String code, String ownRangePrefix) {
        State s = running();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code_begin", code);
        q.put("code_end", code);
        if (ownRangePrefix != null) {
            q.put(ownRangePrefix + "_begin", code);
            q.put(ownRangePrefix + "_end", code);
        }
        q.put("page_index", "1");
        q.put("rows_per_page", "20");
        U8Reply reply = s.client().read(resource, q);
        if (!reply.ok()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, resource + " of " + code + " refused: errcode "
                    + reply.errcode() + ": " + s.client().masker().mask(reply.errmsg()));
        }
        for (JsonNode row : reply.body().path(listKey)) {
            if (code.equals(row.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int pageCount(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
