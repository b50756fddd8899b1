package org.aftersaleshub.connector.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.mock.kingdee.KingdeeConfig;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.RequestLog;
import org.aftersaleshub.model.Quantity;

/**
 * Kingdee K/3 Cloud as a test meets it: an other-outbound document (STK_MisDelivery) keyed by FBillNo, booked once
 * audited (status C), the usage id in its FNote; returns book a compensating STK_Miscellaneous. The connector signs
 * every call (SIGNATURE, the default auth mode); the mock replaces an expired session silently unless told to be
 * strict ({@code setReissueStaleSidWithSignature(false)}).
 */
public class KingdeeFixture extends StockConnectorFixture {

    public static final String OUTBOUND_FORM = "STK_MisDelivery";
    public static final String INBOUND_FORM = "STK_Miscellaneous";
    /** The connector writes "aftersales-hub usage &lt;id&gt; ticket &lt;ticket&gt;" into FNote (its ownership marker). */
    private static final Pattern USAGE_IN_NOTE = Pattern.compile("aftersales-hub usage (\\S+) ticket ");
    /** Signature sessions seen per mock: the mock counts logins but not the sessions signed calls open. */
    private static final Map<HttpMock, Set<String>> SIGNED_SESSIONS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final HttpClient ADMIN = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return KingdeeConnector.NAME;
    }

    @Override
    public HubConnector newConnector() {
        return new KingdeeConnector();
    }

    @Override
    protected String mockName() {
        return "kingdee";
    }

    @Override
    protected String codeField() {
        return "kingdeeNumber";
    }

    @Override
    public String writeOperation() {
        return "Save";
    }

    @Override
    public String bookingOperation() {
        return "Audit";
    }

    @Override
    public String shortageMessage() {
        return "更新库存";
    }

    @Override
    public boolean booksReturns() {
        return true;
    }

    @Override
    protected Map<String, String> ownKeys(HttpMock mock, long timeoutMs, UnaryOperator<String> hubWarehouse) {
        KingdeeConfig c = ((KingdeeMock) mock).config();
        Map<String, String> k = new LinkedHashMap<>();
        k.put("kingdee.base-url", mock.baseUrl() + "/k3cloud/");
        k.put("kingdee.acct-id", c.getAcctId());
        k.put("kingdee.user-name", c.getUserName());
        k.put("kingdee.app-id", c.getAppId());
        k.put("kingdee.app-secret", c.getAppSecret());
        k.put("kingdee.org-number", "100"); // the stock organisation of the mock's demo account set
        // an explicit login per session, so "one credential refresh per instance" is a count of login calls; with
        // signature headers Kingdee replaces a stale session on every signed call by itself (the module's own
        // conformance tests cover SIGNATURE)
        k.put("kingdee.auth-mode", "LOGIN_BY_SIGN");
        k.put("kingdee.warehouse-codes", codeMap(WAREHOUSES, "code", hubWarehouse));
        k.put("kingdee.material-codes", codeMap(PARTS, "sku", UnaryOperator.identity()));
        return k;
    }

    /**
     * {@link #ownKeys} for another auth mode ({@code SIGNATURE}, {@code LOGIN_BY_SIGN}, {@code VALIDATE_USER}, with
     * the mock's password), for the Kingdee module's own tests.
     */
    public Map<String, String> keys(KingdeeMock mock, String authMode, long timeoutMs) {
        Map<String, String> k = ownKeys(mock, timeoutMs, UnaryOperator.identity());
        k.put("kingdee.timeout-ms", String.valueOf(timeoutMs));
        k.put("kingdee.requests-per-second", "1000");
        k.put("kingdee.auth-mode", authMode);
        if (authMode.equals("VALIDATE_USER")) {
            k.remove("kingdee.app-id");
            k.remove("kingdee.app-secret");
            k.put("kingdee.password", mock.config().getPassword());
        }
        return k;
    }

    @Override
    protected BigDecimal stockIn(HttpMock mock, String partCode, String warehouseCode) {
        return ((KingdeeMock) mock).stock(partCode, warehouseCode);
    }

    @Override
    protected void setStockIn(HttpMock mock, String partCode, String warehouseCode, BigDecimal qty) {
        ((KingdeeMock) mock).setStock(partCode, warehouseCode, qty);
    }

    @Override
    protected List<ErpDocument> everyDocumentIn(HttpMock mock) {
        List<ErpDocument> out = new ArrayList<>();
        for (Map<String, Object> d : documentMaps(mock)) {
            Matcher m = USAGE_IN_NOTE.matcher(String.valueOf(d.get("note")));
            Map<String, Object> line = onlyLine(d.get("entries"));
            out.add(new ErpDocument(d.get("formId") + " " + d.get("billNo"),
                    OUTBOUND_FORM.equals(d.get("formId")) && m.find() ? m.group(1) : null,
                    String.valueOf(d.get("billNo")), text(line.get("material")), text(line.get("stock")),
                    decimal(line.get("qty")), "C".equals(d.get("documentStatus"))));
        }
        return out;
    }

    @Override
    protected long outboundCountIn(HttpMock mock) {
        return ((KingdeeMock) mock).documentCount(OUTBOUND_FORM);
    }

    @Override
    protected void expireIn(HttpMock mock) {
        signedSessions(mock); // note them before they disappear
        ((KingdeeMock) mock).expireAllSessions();
    }

    @Override
    protected int liveIn(HttpMock mock) {
        return ((KingdeeMock) mock).sessionCount();
    }

    /**
     * Logins (ValidateUser, LoginBySign) plus the sessions signed calls opened. The mock counts only the former, so
     * the latter are collected from its session list ({@code GET /mock-admin/kingdee/sessions}, {@code how = signature})
     * whenever this fixture reads or expires sessions; a signed session that expired by any other way before this
     * fixture saw it is not counted.
     */
    @Override
    protected long issuedIn(HttpMock mock) {
        return ((KingdeeMock) mock).loginCount() + signedSessions(mock).size();
    }

    private static Set<String> signedSessions(HttpMock mock) {
        Set<String> seen = SIGNED_SESSIONS.computeIfAbsent(mock, m -> Collections.synchronizedSet(new HashSet<>()));
        for (JsonNode s : adminGet(mock, "sessions")) {
            if ("signature".equals(s.path("how").asText())) {
                seen.add(s.path("sid").asText());
            }
        }
        return seen;
    }

    private static JsonNode adminGet(HttpMock mock, String what) {
        try {
            HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(mock.baseUrl()
                    + HttpMock.ADMIN_PREFIX + "kingdee/" + what)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("mock admin " + what + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ExecuteBillQuery (or BillQuery) of the material or warehouse form. */
    @Override
    protected boolean isMasterDataQuery(RequestLog.Call call) {
        return (call.operation().equals("ExecuteBillQuery") || call.operation().equals("BillQuery"))
                && ("BD_MATERIAL".equalsIgnoreCase(call.subject()) || "BD_STOCK".equalsIgnoreCase(call.subject()));
    }

    /** The login calls, and the signed probe that opens a session in SIGNATURE mode (BD_STOCK, no filter). */
    @Override
    protected boolean isCredentialCall(RequestLog.Call call) {
        return Set.of("ValidateUser", "LoginBySign", "LoginByAppSecret").contains(call.operation())
                || call.operation().equals("ExecuteBillQuery") && "BD_STOCK (all rows)".equals(call.subject());
    }

    /** The next {@code operation} commits, then answers after {@code delayMs} (a timeout after commit). */
    public static void commitThenAnswerLate(KingdeeMock mock, String operation, long delayMs) {
        mock.faults().add(new FaultPlan.Rule(operation, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0,
                delayMs, delayMs));
    }

    /** The next {@code count} calls of {@code operation} meet {@code kind} (HTTP {@code status}) at {@code phase}. */
    public static void fault(KingdeeMock mock, String operation, FaultPlan.Kind kind, FaultPlan.Phase phase, int count,
                             int status) {
        mock.faults().add(new FaultPlan.Rule(operation, kind, phase, count, 1.0, status, 0, 0));
    }

    /** The documents of one form the mock holds under a bill number (exactly-once means one). */
    public static List<Map<String, Object>> documents(KingdeeMock mock, String formId, String billNo) {
        return mock.documentsByBillNo(billNo).stream().filter(d -> formId.equals(d.get("formId"))).toList();
    }

    // ------------------------------------------------------------------ for this module's own tests

    static final KingdeeFixture KINGDEE = new KingdeeFixture();
    static final String PART = "SP-COMP-001";
    static final String WAREHOUSE = "WH01";
    static final String MATERIAL = KINGDEE.partCode(PART);
    static final String STOCK = KINGDEE.warehouseCode(WAREHOUSE);

    /**
     * The keys in {@code mode} with a 1500 ms timeout (the faults of the tests answer after 2500 ms), four attempts
     * per call and short back-offs.
     */
    static Map<String, String> config(KingdeeMock mock, String mode) {
        Map<String, String> c = KINGDEE.keys(mock, mode, 1500);
        c.put("kingdee.connect-timeout-ms", "500");
        c.put("kingdee.max-attempts", "4");
        c.put("kingdee.backoff-initial-ms", "10");
        c.put("kingdee.backoff-max-ms", "200");
        return c;
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(base);
        c.put(key, value);
        return c;
    }

    static DeductionRequest usage(String usageId, String qty) {
        return new DeductionRequest(usageId, "TK-" + usageId, PART, null, WAREHOUSE,
                new Quantity(new BigDecimal(qty), "台"));
    }

    static List<Map<String, Object>> outbound(KingdeeMock mock, String billNo) {
        return documents(mock, OUTBOUND_FORM, billNo);
    }
}
