package org.aftersaleshub.connector.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.kingdee.connection.KingdeeClient;
import org.aftersaleshub.connector.kingdee.connection.KingdeeLoginException;
import org.aftersaleshub.connector.secret.SecretMasker;
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
import org.aftersaleshub.model.StockLevel;

/**
 * Kingdee K/3 Cloud (金蝶云星空) WebAPI connector: exactly-once other-outbound documents ({@code STK_MisDelivery})
 * per part usage, compensating other-inbound documents ({@code STK_Miscellaneous}) per return, real-time stock from
 * {@code STK_Inventory}, and material / warehouse reads ({@code BD_MATERIAL}, {@code BD_STOCK}), which also tell
 * whether a part or warehouse is known ({@link StockCatalog}). Keys: {@link KingdeeConnectorConfig}.
 */
public class KingdeeConnector extends AbstractHubConnector<KingdeeConnector.Running>
        implements StockDeductions, StockQueries, StockCatalog {

    public static final String NAME = "kingdee";
    static final String OUTBOUND_FORM = "STK_MisDelivery";
    static final String INBOUND_FORM = "STK_Miscellaneous";
    private static final DateTimeFormatter DOC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /** ERP codes go into filter strings; anything outside this set is refused rather than escaped. */
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9._-]{1,80}");
    /**
     * Material and warehouse numbers are written into an ExecuteBillQuery FilterString, a SQL-like text
     * ({@code FNumber='X'}; docs/vendor-apis/kingdee-k3cloud.md §5.4): a quote or a space would change
     * the filter, so the number must be plain.
     */
    static final CodeForm CODE_FORM = new CodeForm(SAFE_CODE, "letters, digits, '.', '-' or '_', 1-80 characters "
            + "(a Kingdee number, written into the query's FilterString)");

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    /** The last configuration started with; kept after stop for {@link #toString()}. */
    private volatile ConnectorConfig config;

    /** What one started configuration consists of. */
    record Running(KingdeeClient client, KingdeeDocumentWriter writer, CatalogCodes codes) { }

    public KingdeeConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock time source for session lifetimes, document dates and {@code asOf} */
    public KingdeeConnector(Clock clock) {
        super(NAME, KingdeeConnectorConfig.CONFIG_DEF,
                EnumSet.of(Capability.STOCK_DEDUCTION, Capability.STOCK_QUERY, Capability.STOCK_CATALOG));
        this.clock = clock;
    }

    @Override
    public List<ConfigProblem> validateConnectivity(Map<String, String> raw, Duration timeout) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConnectorConfig parsed;
        try {
            parsed = configDef().parse(NAME, raw);
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(KingdeeConnectorConfig.BASE_URL.name(), "connectivity",
                    "the connectivity check needs valid parameters first: " + new SecretMasker(raw.values())
                            .mask(e.getMessage())));
            return problems;
        }
        // one login (or signed probe) outside the call loop, its timeouts capped by the check's bound
        KingdeeSettings bounded = KingdeeSettings.from(parsed)
                .withCalls(KingdeeConnectorConfig.CALLS.values(parsed).cappedAt(timeout));
        KingdeeClient probe = new KingdeeClient(bounded, new SecretMasker(parsed.secretValues()), json, clock);
        try {
            probe.checkLogin();
        } catch (KingdeeLoginException e) {
            problems.add(new ConfigProblem(e.configKey(), e.configKey().equals(KingdeeConnectorConfig.BASE_URL.name())
                    ? "connectivity" : "authentication", e.reason()));
        } finally {
            probe.close();
        }
        return problems;
    }

    @Override
    protected Running open(ConnectorConfig parsed) {
        KingdeeSettings settings = KingdeeSettings.from(parsed);
        KingdeeClient c = new KingdeeClient(settings, new SecretMasker(parsed.secretValues()), json, clock);
        this.config = parsed;
        return new Running(c, new KingdeeDocumentWriter(c), new CatalogCodes(NAME, CODE_FORM,
                settings.materialCodes(), settings.warehouseCodes(), KingdeeConnectorConfig.MATERIAL_CODES.name(),
                KingdeeConnectorConfig.WAREHOUSE_CODES.name()));
    }

    @Override
    protected void close(Running running) {
        running.client().close();
    }

    @Override
    protected String alreadyStartedMessage() {
        return "kingdee connector already started; stop it first";
    }

    /** Sessions obtained since start (logins, or signed probes in SIGNATURE mode); for tests and metrics. */
    public long sessionRefreshes() {
        return client().sessionRefreshes();
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        return Optional.ofNullable(runningOrNull()).map(r -> r.client().status());
    }

    private KingdeeClient client() {
        return running().client();
    }

    // ------------------------------------------------------------------ stock deduction

    @Override
    public String documentNumberFor(String usageId) {
        return BillNumbers.derive(client().settings().billNoPrefix(), usageId);
    }

    /** The FBillNo of the compensating inbound document of a usage. */
    public String returnDocumentNumberFor(String usageId) {
        return BillNumbers.derive(client().settings().returnBillNoPrefix(), usageId);
    }

    @Override
    public DeductionResult deduct(DeductionRequest request) {
        KingdeeSettings s = client().settings();
        String billNo = documentNumberFor(request.usageId());
        String[] codes;
        try {
            codes = codes(request);
        } catch (InvalidInputException e) {
            return DeductionResult.failed(request.usageId(), null, e.getMessage());
        }
        String marker = marker(request.usageId());
        ObjectNode model = json.createObjectNode();
        model.put("FID", 0);
        model.put("FBillNo", billNo);
        model.putObject("FBillTypeID").put("FNUMBER", s.outboundBillType());
        model.putObject("FStockOrgId").put("FNumber", s.orgNumber());
        model.putObject("FPickOrgId").put("FNumber", s.orgNumber());
        model.put("FStockDirect", "GENERAL");
        model.put("FDate", DOC_DATE.format(clock.instant()));
        if (s.departmentNumber() != null) {
            model.putObject("FDeptId").put("FNumber", s.departmentNumber());
        }
        model.put("FOwnerTypeIdHead", "BD_OwnerOrg");
        model.putObject("FOwnerIdHead").put("FNumber", s.orgNumber());
        model.put("FNote", marker + " ticket " + request.ticketId());
        model.putArray("FEntity").add(entry(request, s, codes, "备件领用 " + request.usageId()));
        return writer().write(new KingdeeDocumentWriter.Spec(OUTBOUND_FORM, billNo, request.usageId(), marker, model));
    }

    @Override
    public DeductionResult compensate(ReturnRequest request) {
        DeductionRequest d = request.deduction();
        KingdeeSettings s = client().settings();
        String billNo = returnDocumentNumberFor(d.usageId());
        String[] codes;
        try {
            codes = codes(d);
        } catch (InvalidInputException e) {
            return DeductionResult.failed(d.usageId(), null, e.getMessage());
        }
        String marker = marker(d.usageId());
        ObjectNode model = json.createObjectNode();
        model.put("FID", 0);
        model.put("FBillNo", billNo);
        model.putObject("FBillTypeID").put("FNUMBER", s.inboundBillType());
        model.putObject("FStockOrgId").put("FNumber", s.orgNumber());
        model.put("FStockDirect", "GENERAL");
        model.put("FDate", DOC_DATE.format(clock.instant()));
        model.put("FOwnerTypeIdHead", "BD_OwnerOrg");
        model.putObject("FOwnerIdHead").put("FNumber", s.orgNumber());
        model.put("FNote", marker + " return of " + documentNumberFor(d.usageId()) + " ticket " + d.ticketId()
                + (request.reason() == null ? "" : " reason " + request.reason()));
        model.putArray("FEntity").add(entry(d, s, codes, "备件退回 " + d.usageId()));
        return writer().write(new KingdeeDocumentWriter.Spec(INBOUND_FORM, billNo, d.usageId(), marker, model));
    }

    private KingdeeDocumentWriter writer() {
        return running().writer();
    }

    private static String marker(String usageId) {
        return "aftersales-hub usage " + usageId;
    }

    /** The material and warehouse numbers of a request, checked against {@link #CODE_FORM}. */
    private String[] codes(DeductionRequest r) {
        CatalogCodes codes = running().codes();
        return new String[] {codes.partCode(r.partSku(), r.erpPartCode()), codes.warehouseCode(r.warehouse(), r.erpWarehouseCode())};
    }

    private ObjectNode entry(DeductionRequest r, KingdeeSettings s, String[] codes, String note) {
        ObjectNode e = json.createObjectNode();
        e.putObject("FMaterialId").put("FNumber", codes[0]);
        e.put("FQty", r.quantity().value());
        e.putObject("FStockId").put("FNumber", codes[1]);
        e.putObject("FStockStatusId").put("FNumber", s.stockStatus());
        e.put("FOwnerTypeId", "BD_OwnerOrg");
        e.putObject("FOwnerId").put("FNumber", s.orgNumber());
        e.put("FKeeperTypeId", "BD_KeeperOrg");
        e.putObject("FKeeperId").put("FNumber", s.orgNumber());
        e.put("FEntryNote", note);
        return e;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public StockLevel stockLevel(StockQuery query) {
        KingdeeSettings s = client().settings();
        CatalogCodes codes = running().codes();
        String material = codes.partCode(query.partSku(), query.erpPartCode());
        String warehouse = codes.warehouseCode(query.warehouse(), query.erpWarehouseCode());
        List<JsonNode> rows = client().executeBillQuery("STK_Inventory",
                "FMaterialId.FNumber,FStockId.FNumber,FBaseQty,FAVBQty",
                "FMaterialId.FNumber='" + material + "' and FStockId.FNumber='" + warehouse
                        + "' and FStockOrgId.FNumber='" + safe(s.orgNumber()) + "'", 2000);
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            qty = qty.add(row.path(2).decimalValue());
            available = available.add(row.path(3).decimalValue());
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
        return running().codes().part(sku, number -> usable("BD_MATERIAL", number));
    }

    @Override
    public CatalogEntry warehouseKnown(String warehouse) {
        return running().codes().warehouse(warehouse, number -> usable("BD_STOCK", number));
    }

    /**
     * Whether the base data form ({@code BD_MATERIAL}, {@code BD_STOCK}) holds {@code number} for the stock
     * organisation — base data is assigned per use organisation ({@code FUseOrgId}), and a number the organisation
     * cannot use is one a document of it cannot book (docs/vendor-apis/kingdee-k3cloud.md §7).
     * The number is form-checked by the caller.
     */
    private boolean usable(String formId, String number) {
        return !client().executeBillQuery(formId, "FNumber", "FNumber='" + number + "' and FUseOrgId.FNumber='"
                + safe(client().settings().orgNumber()) + "'", 1).isEmpty();
    }

    /** A material by its Kingdee number (BD_MATERIAL), if it exists. */
    public Optional<KingdeeMaterial> material(String number) {
        List<JsonNode> rows = client().executeBillQuery("BD_MATERIAL",
                "FNumber,FName,FSpecification,FBaseUnitId.FName,FForbidStatus",
                "FNumber='" + plain("part", number) + "'", 1);
        return rows.stream().findFirst().map(r -> new KingdeeMaterial(r.path(0).asText(), r.path(1).asText(),
                r.path(2).asText(""), r.path(3).asText(""), "B".equals(r.path(4).asText())));
    }

    /** All warehouses (BD_STOCK) of the account set, up to {@code limit}. */
    public List<KingdeeWarehouse> warehouses(int limit) {
        return client().executeBillQuery("BD_STOCK", "FNumber,FName,FForbidStatus", "", limit).stream()
                .map(r -> new KingdeeWarehouse(r.path(0).asText(), r.path(1).asText(), "B".equals(r.path(2).asText())))
                .toList();
    }

    /** A warehouse by its Kingdee number, if it exists. */
    public Optional<KingdeeWarehouse> warehouse(String number) {
        return client().executeBillQuery("BD_STOCK", "FNumber,FName,FForbidStatus", "FNumber='"
                + plain("warehouse", number) + "'", 1).stream().findFirst()
                .map(r -> new KingdeeWarehouse(r.path(0).asText(), r.path(1).asText(), "B".equals(r.path(2).asText())));
    }

    /** A Kingdee number asked for by its own code: refused as input when it could not stand in a filter. */
    private static String plain(String field, String number) {
        if (!CODE_FORM.accepts(number)) {
            throw new InvalidInputException(NAME, field, String.valueOf(number), String.valueOf(number),
                    CODE_FORM.rule(), CODE_FORM.description(), null);
        }
        return number;
    }

    /** A configured number (the organisation; its key's rule already holds it to the same form). */
    private static String safe(String code) {
        if (code == null || !SAFE_CODE.matcher(code).matches()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "'" + code + "' is not a valid Kingdee number "
                    + "(letters, digits, '.', '-', '_')");
        }
        return code;
    }

    @Override
    public String toString() {
        ConnectorConfig c = config;
        return "KingdeeConnector[" + (isStarted() ? "started" : "stopped") + ", " + (c == null ? "{}" : c) + "]";
    }
}
