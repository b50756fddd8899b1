package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * Kingdee K/3 Cloud (云星空) WebAPI stand-in (docs/vendor-apis/kingdee-k3cloud.md; what it reproduces: §12). Every
 * operation is {@code POST <anything>/<ServiceName>.common.kdsvc}; business and auth failures are HTTP 200 bodies.
 *
 * <p>State: sessions (cookie {@code kdservice-sessionid}; idle expiry on the mock clock), documents of
 * {@code STK_MisDelivery} (other outbound) and {@code STK_Miscellaneous} (other inbound) by FBillNo, and stock
 * per material and warehouse number that an Audit changes and {@code STK_Inventory} queries return.
 *
 * <p>This class routes each service to its API surface — {@link KingdeeSessions} (logins, sessions, signatures),
 * {@link KingdeeDocuments} (Save … Delete), {@link KingdeeQueries} (View, bill queries, async mode) — over one
 * {@link KingdeeStore}, and holds the typed views for tests and the admin paths.
 *
 * <p>Own admin paths under {@code /mock-admin/kingdee/}: {@code config} (GET/POST), {@code documents?billNo=},
 * {@code stock?material=&warehouse=} (GET; POST {@code {"material","warehouse","qty"}} sets it),
 * {@code expire-sessions}, {@code response-error} ({@code {"count":1,"message":".."}}), {@code sessions}.
 */
public final class KingdeeMock extends HttpMock {

    public static final String SESSION_LOST = "会话信息已丢失，请重新登录";
    static final String SERVICE_SUFFIX = ".common.kdsvc";

    private final Object lock = new Object();
    private volatile KingdeeConfig config = new KingdeeConfig();
    private final KingdeeStore store = new KingdeeStore();
    private final KingdeeReplies replies = new KingdeeReplies(json, () -> config);
    private final KingdeeSessions sessions = new KingdeeSessions(context, () -> config);
    private final KingdeeDocuments documents = new KingdeeDocuments(context, () -> config, store, replies);
    private final KingdeeQueries queries = new KingdeeQueries(context, () -> config, store, replies);
    private final Map<String, Integer> calls = new TreeMap<>();
    private int pendingResponseErrors;
    private String responseErrorMessage;

    @Override
    public String name() {
        return "kingdee";
    }

    @Override
    public int defaultPort() {
        return 18081;
    }

    // ------------------------------------------------------------------ typed state views for tests

    /** The live configuration; setters take effect on the next request. {@link #reset()} restores defaults. */
    public KingdeeConfig config() {
        return config;
    }

    /** Documents (any form) with this bill number, as maps (formId, id, billNo, documentStatus, entries, ...). */
    public List<Map<String, Object>> documentsByBillNo(String billNo) {
        synchronized (lock) {
            return store.documents.stream().filter(d -> d.billNo.equals(billNo)).map(KingdeeStore.Document::toMap)
                    .toList();
        }
    }

    /** How many documents of the form exist. */
    public long documentCount(String formId) {
        synchronized (lock) {
            return store.documents.stream().filter(d -> d.formId.equalsIgnoreCase(formId)).count();
        }
    }

    /** FDocumentStatus of a document, if it exists. */
    public Optional<String> documentStatus(String formId, String billNo) {
        synchronized (lock) {
            return store.byBillNo(formId, billNo).map(d -> d.status);
        }
    }

    /** On-hand quantity of a material (Kingdee number) in a warehouse (Kingdee number); 0 when never stocked. */
    public BigDecimal stock(String materialNumber, String warehouseNumber) {
        synchronized (lock) {
            return store.stock.quantity(materialNumber, warehouseNumber);
        }
    }

    public void setStock(String materialNumber, String warehouseNumber, BigDecimal qty) {
        synchronized (lock) {
            store.stock.set(materialNumber, warehouseNumber, qty);
        }
    }

    /** Forgets every session, so the next call with an old SID gets MsgCode 1 (or a silent re-issue). */
    public void expireAllSessions() {
        synchronized (lock) {
            sessions.expireAll();
        }
    }

    public int sessionCount() {
        synchronized (lock) {
            return sessions.count();
        }
    }

    /** Successful logins (ValidateUser, LoginByAppSecret, LoginBySign). */
    public int loginCount() {
        synchronized (lock) {
            return sessions.logins();
        }
    }

    /** Calls received per service method name (e.g. {@code Save}, {@code ExecuteBillQuery}). */
    public int callCount(String method) {
        synchronized (lock) {
            return calls.getOrDefault(method, 0);
        }
    }

    /** The next {@code count} business calls answer {@code response_error:{"Message":..}} (HTTP 200). */
    public void failNextWithResponseError(int count, String message) {
        synchronized (lock) {
            pendingResponseErrors = count;
            responseErrorMessage = message;
        }
    }

    // ------------------------------------------------------------------ HttpMock contract

    @Override
    protected String operationOf(MockRequest request) {
        String m = method(request.path());
        return m.isEmpty() ? null : m;
    }

    /**
     * The form a query reads ({@code ExecuteBillQuery BD_MATERIAL}), marked {@code (all rows)} when it has no
     * FilterString, so tests can tell a lookup of one material or warehouse from a listing (or a signed session
     * probe).
     */
    @Override
    protected String subjectOf(MockRequest request) {
        String m = method(request.path());
        if (!m.equals("ExecuteBillQuery") && !m.equals("BillQuery")) {
            return null;
        }
        try {
            JsonNode data = KingdeeEnvelope.parse(json, request.body()).arg(0, "data");
            String formId = KingdeeEnvelope.named(data, "FormId").asText("");
            JsonNode filter = KingdeeEnvelope.named(data, "FilterString");
            boolean all = filter.isMissingNode() || filter.isNull() || filter.isEmpty() && !filter.isValueNode()
                    || filter.isTextual() && filter.asText().isBlank();
            return formId.isBlank() ? null : all ? formId + " (all rows)" : formId;
        } catch (Exception e) {
            return null; // handle() answers the bad body; the log just has no subject
        }
    }

    @Override
    protected void seed(JsonNode data) {
        synchronized (lock) {
            store.seed(data);
            JsonNode own = data.path(name());
            if (own.has("config")) {
                try {
                    json.readerForUpdating(config).readValue(own.get("config"));
                } catch (Exception e) {
                    throw new IllegalArgumentException("bad kingdee.config in seed data: " + e.getMessage(), e);
                }
            }
            for (JsonNode s : own.path("stock")) {
                store.stock.set(s.path("material").asText(), s.path("warehouse").asText(),
                        s.path("qty").decimalValue());
            }
        }
    }

    @Override
    protected void clearState() {
        synchronized (lock) {
            config = new KingdeeConfig();
            store.clear();
            sessions.clear();
            documents.clear();
            queries.clear();
            calls.clear();
            pendingResponseErrors = 0;
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", store.documents.stream().map(KingdeeStore.Document::toMap).toList());
            s.put("stock", store.stock.view());
            s.put("sessions", sessions.count());
            s.put("logins", sessions.logins());
            s.put("loginFailures", sessions.loginFailures());
            s.put("calls", new TreeMap<>(calls));
            s.put("config", json.convertValue(config, Map.class));
            return s;
        }
    }

    @Override
    protected MockResponse handleAdmin(String subPath, MockRequest req) {
        if (!subPath.startsWith("kingdee/")) {
            return null;
        }
        String what = subPath.substring("kingdee/".length());
        try {
            synchronized (lock) {
                switch (what) {
                    case "config" -> {
                        if ("POST".equals(req.method())) {
                            json.readerForUpdating(config).readValue(req.body());
                        }
                        return MockResponse.json(200, toJson(config));
                    }
                    case "documents" -> {
                        String billNo = req.query().get("billNo");
                        String formId = req.query().get("formId");
                        return MockResponse.json(200, toJson(store.documents.stream()
                                .filter(d -> billNo == null || d.billNo.equals(billNo))
                                .filter(d -> formId == null || d.formId.equalsIgnoreCase(formId))
                                .map(KingdeeStore.Document::toMap).toList()));
                    }
                    case "stock" -> {
                        if ("POST".equals(req.method())) {
                            JsonNode b = json.readTree(req.body());
                            store.stock.set(b.path("material").asText(), b.path("warehouse").asText(),
                                    b.path("qty").decimalValue());
                        }
                        String m = req.query().get("material");
                        String w = req.query().get("warehouse");
                        if (m != null && w != null) {
                            return MockResponse.json(200, toJson(Map.of("material", m, "warehouse", w,
                                    "qty", store.stock.quantity(m, w))));
                        }
                        return MockResponse.json(200, toJson(store.stock.view()));
                    }
                    case "expire-sessions" -> {
                        return MockResponse.json(200, toJson(Map.of("expired", sessions.expireAll())));
                    }
                    case "sessions" -> {
                        return MockResponse.json(200, toJson(sessions.describe()));
                    }
                    case "response-error" -> {
                        JsonNode b = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
                        pendingResponseErrors = b.path("count").asInt(1);
                        responseErrorMessage = b.path("message").asText("服务器内部错误");
                        return MockResponse.json(200, toJson(Map.of("pending", pendingResponseErrors)));
                    }
                    default -> {
                        return null;
                    }
                }
            }
        } catch (Exception e) {
            return MockResponse.json(400, toJson(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    // ------------------------------------------------------------------ dispatch

    /** {@code .../Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc} -> {@code Save}. */
    static String method(String path) {
        if (!path.toLowerCase(Locale.ROOT).endsWith(SERVICE_SUFFIX)) {
            return "";
        }
        String service = path.substring(path.lastIndexOf('/') + 1, path.length() - SERVICE_SUFFIX.length());
        return service.substring(service.lastIndexOf('.') + 1);
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String method = method(req.path());
        if (method.isEmpty() || !"POST".equals(req.method())) {
            return MockResponse.text(404, "text/html", "<html><body><h2>404 - File or directory not found.</h2></body></html>");
        }
        synchronized (lock) {
            calls.merge(method, 1, Integer::sum);
            if (pendingResponseErrors > 0) {
                pendingResponseErrors--;
                return replies.responseError(responseErrorMessage);
            }
            KingdeeEnvelope env;
            try {
                env = KingdeeEnvelope.parse(json, req.body());
            } catch (Exception e) {
                return replies.responseError("请求的数据包格式不正确：" + e.getMessage());
            }
            switch (method) {
                case "ValidateUser", "LoginByAppSecret", "LoginBySign" -> {
                    return sessions.login(method, env);
                }
                case "GetDataCenterList" -> {
                    ArrayNode arr = json.createArrayNode();
                    arr.addObject().put("Id", config.getAcctId()).put("Number", "demo")
                            .put("Name", config.getDataCenterName()).put("DataBaseType", 3);
                    return MockResponse.json(200, arr.toString());
                }
                default -> {
                    return business(method, env, req);
                }
            }
        }
    }

    private MockResponse business(String method, KingdeeEnvelope env, MockRequest req) {
        KingdeeSessions.Auth auth = sessions.authenticate(req);
        if (auth.failure() != null) {
            return auth.failure();
        }
        if (auth.session() == null) {
            return replies.sessionLost(method);
        }
        auth.session().lastUsed = now();
        boolean async = "BeginQueryImpl".equalsIgnoreCase(req.header("beginmethod"))
                || "BeginQueryImpl".equalsIgnoreCase(env.root().path("beginmethod").asText());
        String body = switch (method) {
            case "Save", "BatchSave", "Draft" -> documents.save(method, env);
            case "Submit", "Audit", "UnAudit", "Delete" -> documents.operate(method, env);
            case "View" -> queries.view(env);
            case "ExecuteBillQuery", "BillQuery" -> queries.query(method, env);
            case "QueryAsyncResult" -> queries.queryAsyncResult(env);
            default -> null;
        };
        if (body == null) {
            return replies.responseError("服务“" + method + "”不存在或未实现");
        }
        if (async && !"QueryAsyncResult".equals(method)) {
            body = queries.beginAsync(body);
        }
        MockResponse res = MockResponse.json(200, body);
        if (auth.newSession() != null) {
            res = sessions.withSessionCookies(res, auth.newSession());
        }
        return res;
    }
}
