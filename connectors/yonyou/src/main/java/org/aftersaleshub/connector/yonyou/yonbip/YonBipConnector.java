package org.aftersaleshub.connector.yonyou.yonbip;

import static org.aftersaleshub.connector.yonyou.yonbip.YonBipConnectorConfig.*;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.AUDIT;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.DETAIL;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.PRODUCT_LIST;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.SAVE;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.STOCK;
import static org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient.WAREHOUSE_LIST;

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
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.config.InvalidConfigException;
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
import org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipClient;
import org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipReply;
import org.aftersaleshub.model.StockLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * YonBIP / YonSuite OpenAPI connector (docs/vendor-apis/yonyou-yonbip.md): the documents and stock reads; the protocol
 * (gateway, signed token, calls, classification) is {@link YonBipClient}.
 *
 * <p><b>Exactly one document per part usage.</b> {@code othoutrecord/single/save} carries {@code resubmitCheckKey}
 * = {@link #documentNumberFor(String)}: {@code "ah"} + the first 30 hex digits of SHA-256(part-usage id), 32
 * characters, deterministic, so every retry of the same usage is the same MDD-idempotent save and YonBIP returns the
 * document it already holds (docs/vendor-apis/yonyou-yonbip.md §6). The document is then audited with
 * {@code batchaudit}; when the audit reports a failure (or its answer was lost), the document itself is read
 * ({@code detail}) and an already audited document counts as booked, so a lost answer never leads to a second audit or
 * a second document.
 *
 * <p><b>Returns.</b> The spec documents no other-inbound API for YonBIP, so {@link #compensate} answers FAILED
 * (refused for good, with a reason naming the usage).
 *
 * <p><b>Known parts and warehouses.</b> {@link StockCatalog}: the instance's {@code yonbip.product-codes} /
 * {@code yonbip.warehouse-codes}, else the product or warehouse archive list filtered by code
 * ({@code digitalModel/product|warehouse/list}).
 */
public final class YonBipConnector extends AbstractHubConnector<YonBipConnector.State>
        implements StockDeductions, StockQueries, StockCatalog {

    public static final String NAME = "yonbip";
    private static final Logger log = LoggerFactory.getLogger(YonBipConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;

    /**
     * Codes travel as JSON strings in the request bodies (docs/vendor-apis/yonyou-yonbip.md §5.3, §5.4): no
     * character needs refusing but control characters, which no YonBIP code has.
     */
    static final CodeForm CODE_FORM = CodeForm.ENCODED_TEXT;
    /** "数据不存在" (docs/vendor-apis/yonyou-yonbip.md §4.2). */
    private static final String NOT_FOUND = "1002";

    /** Everything one started configuration consists of. */
    record State(ConnectorConfig cfg, YonBipClient client, CatalogCodes codes) {
    }

    public YonBipConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when cached tokens are renewed and dates documents (tests pass a controllable one) */
    public YonBipConnector(Clock clock) {
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
        YonBipClient probe = new YonBipClient(cfg, CALLS.values(cfg).cappedAt(timeout), clock);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigKey where = cfg.isSet(GATEWAY_URL) ? TOKEN_URL : DISCOVERY_URL;
        try {
            probe.freshToken();
        } catch (YonBipClient.Refused e) {
            problems.add(new ConfigProblem(e.key().name(), "authentication", e.key().display() + ": "
                    + probe.masker().mask(e.getMessage())));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(where.name(), "connectivity", where.display() + ": cannot reach YonBIP "
                    + "within " + timeout.toMillis() + " ms (" + probe.masker().mask(e.getMessage()) + ")"));
        }
        return problems;
    }

    @Override
    protected State open(ConnectorConfig cfg) {
        return new State(cfg, new YonBipClient(cfg, CALLS.values(cfg), clock), new CatalogCodes(NAME, CODE_FORM,
                cfg.map(PRODUCT_CODES), cfg.map(WAREHOUSE_CODES), PRODUCT_CODES.name(), WAREHOUSE_CODES.name()));
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        State s = runningOrNull();
        return s == null ? Optional.empty() : Optional.of(s.client().status());
    }

    @Override
    public String toString() {
        State s = runningOrNull();
        return "YonBipConnector" + (s == null ? "[stopped]" : s.cfg().toString());
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
        String product;
        String warehouse;
        try {
            product = s.codes().partCode(request.partSku(), request.erpPartCode());
            warehouse = s.codes().warehouseCode(request.warehouse(), request.erpWarehouseCode());
        } catch (InvalidInputException e) {
            return DeductionResult.failed(request.usageId(), null, e.getMessage());
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode d = body.putObject("data");
        d.put("resubmitCheckKey", key);
        d.put("org", s.cfg().string(ORG));
        d.put("accountOrg", s.cfg().isSet(ACCOUNT_ORG) ? s.cfg().string(ACCOUNT_ORG) : s.cfg().string(ORG));
        d.put("vouchdate", LocalDate.ofInstant(clock.instant(), CHINA).toString());
        d.put("bustype", s.cfg().string(BUSTYPE));
        d.put("warehouse", warehouse);
        if (s.cfg().isSet(DEPARTMENT)) {
            d.put("department", s.cfg().string(DEPARTMENT));
        }
        if (s.cfg().isSet(OPERATOR)) {
            d.put("operator", s.cfg().string(OPERATOR));
        }
        d.put("memo", "aftersales-hub ticket " + request.ticketId() + " part usage " + request.usageId());
        d.put("_status", "Insert");
        d.put("out_sys_id", request.usageId());
        d.put("out_sys_code", request.ticketId());
        d.put("out_sys_type", "aftersales-hub");
        ObjectNode line = d.putArray("othOutRecords").addObject();
        line.put("product", product);
        line.put("qty", request.quantity().value());
        line.put("unit", s.cfg().map(UNIT_CODES).getOrDefault(request.quantity().unit(), request.quantity().unit()));
        line.put("_status", "Insert");
        line.put("out_sys_lineid", request.usageId());
        String json = body.toString();

        YonBipReply saved = s.client().post(SAVE, json, true);
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
            audit = s.client().post(AUDIT, auditJson, true);
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
        YonBipReply detail = s.client().get(DETAIL, Map.of("id", id));
        if (detail.ok() && audited(s, detail.data())) {
            return booked(request, code, key, true);
        }
        if (audit == null) {
            throw new ConnectorException(NAME, Outcome.OUTCOME_UNKNOWN, "audit of document " + code + " unanswered "
                    + "and not visible yet; deliver again (same resubmitCheckKey)");
        }
        String why = audit.ok() ? audit.data().path("failInfos").path(0).path("message")
                .asText(audit.data().path("messages").path(0).asText("audit failed")) : audit.message();
        String reason = "YonBIP audit of " + code + " failed: " + s.client().masker().mask(why);
        log.warn("yonbip refused part usage {}: {}", request.usageId(), reason);
        return DeductionResult.failed(request.usageId(), code, reason);
    }

    private boolean audited(State s, JsonNode doc) {
        return doc.path("audited").asBoolean(false) || doc.path("status").asInt(-1) == s.cfg().integer(AUDITED_STATUS);
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
                + "YonBIP API notes (docs/vendor-apis/yonyou-yonbip.md §8) document no other-inbound API; book the "
                + "return for usage "
                + request.deduction().usageId() + " in YonBIP by hand");
    }

    // ------------------------------------------------------------------ stock

    @Override
    public StockLevel stockLevel(StockQuery query) {
        State s = running();
        String product = s.codes().partCode(query.partSku(), query.erpPartCode());
        String warehouse = s.codes().warehouseCode(query.warehouse(), query.erpWarehouseCode());
        ObjectNode filter = JSON.createObjectNode();
        filter.put("org", s.cfg().string(ORG));
        filter.put("warehouse.code", warehouse);
        filter.put("productn.code", product); // sic, as documented
        String json = filter.toString();
        YonBipReply r = s.client().post(STOCK, json, false);
        if (!r.ok()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "current stock of " + product + " in "
                    + warehouse + " refused, code " + r.code() + ": " + r.message());
        }
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (JsonNode row : r.data()) { // data is a bare array (docs/vendor-apis/yonyou-yonbip.md §5.3)
            if (row.has("product_code") && !product.equals(row.path("product_code").asText())) {
                continue;
            }
            qty = qty.add(YonBipReply.quantity(row.path("currentqty")));
            available = available.add(YonBipReply.quantity(row.path("availableqty")));
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
        return running().codes().part(sku, code -> inArchive(PRODUCT_LIST, code));
    }

    @Override
    public CatalogEntry warehouseKnown(String warehouse) {
        return running().codes().warehouse(warehouse, code -> inArchive(WAREHOUSE_LIST, code));
    }

    /**
     * Whether the archive list holds {@code code}: the list filtered by {@code code}, first page, records under
     * {@code data.recordList} (docs/vendor-apis/yonyou-yonbip.md §5.4). Records are compared exactly, so a
     * gateway that matched loosely cannot make a code known. YonBIP's "data not found" ({@code 1002}) is an empty
     * answer; any other refusal is a failure to answer, never "unknown".
     */
    private boolean inArchive(String path, String code) {
        State s = running();
        ObjectNode body = JSON.createObjectNode();
        body.put("pageIndex", 1);
        body.put("pageSize", 10);
        body.put("code", code);
        YonBipReply r = s.client().post(path, body.toString(), false);
        if (NOT_FOUND.equals(r.code())) {
            return false;
        }
        if (!r.ok()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, path + " of " + code + " refused, code "
                    + r.code() + ": " + r.message());
        }
        for (JsonNode record : r.data().path("recordList")) {
            if (code.equals(record.path("code").asText())) {
                return true;
            }
        }
        return false;
    }
}
