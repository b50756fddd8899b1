package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * Kingdee K/3 Cloud (云星空) WebAPI stand-in (erp-apis.md §1, §4.2). Every operation is
 * {@code POST <anything>/<ServiceName>.common.kdsvc}; business and auth failures are HTTP 200 bodies.
 *
 * <p>State: sessions (cookie {@code kdservice-sessionid}; idle expiry on the mock clock), documents of
 * {@code STK_MisDelivery} (other outbound) and {@code STK_Miscellaneous} (other inbound) by FBillNo, and stock
 * per material and warehouse number that an Audit changes and {@code STK_Inventory} queries return.
 *
 * <p>Own admin paths under {@code /mock-admin/kingdee/}: {@code config} (GET/POST), {@code documents?billNo=},
 * {@code stock?material=&warehouse=} (GET; POST {@code {"material","warehouse","qty"}} sets it),
 * {@code expire-sessions}, {@code response-error} ({@code {"count":1,"message":".."}}), {@code sessions}.
 */
public final class KingdeeMock extends HttpMock {

    public static final String SESSION_LOST = "会话信息已丢失，请重新登录";
    static final String SERVICE_SUFFIX = ".common.kdsvc";
    private static final DateTimeFormatter DOC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Object lock = new Object();
    private final KingdeeStore store = new KingdeeStore();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Instant> recentPackages = new LinkedHashMap<>();
    private final Map<String, AsyncTask> asyncTasks = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new TreeMap<>();
    private volatile KingdeeConfig config = new KingdeeConfig();
    private int logins;
    private int loginFailures;
    private int pendingResponseErrors;
    private String responseErrorMessage;

    private static final class Session {
        final String sid;
        final String aspNetSid;
        final String how;
        Instant lastUsed;

        Session(String sid, String how, Instant now) {
            this.sid = sid;
            this.aspNetSid = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            this.how = how;
            this.lastUsed = now;
        }
    }

    private static final class AsyncTask {
        int pollsLeft;
        final JsonNode result;

        AsyncTask(int pollsLeft, JsonNode result) {
            this.pollsLeft = pollsLeft;
            this.result = result;
        }
    }

    /** One entry of {@code Errors[]}. */
    record Err(String fieldName, String message, int dIndex) { }

    /** A failed check on an operation: errors plus the MsgCode they carry. */
    private static final class Failure extends RuntimeException {
        final int msgCode;
        final List<Err> errors;

        Failure(int msgCode, List<Err> errors) {
            super(errors.isEmpty() ? "failure" : errors.get(0).message(), null, false, false);
            this.msgCode = msgCode;
            this.errors = errors;
        }

        Failure(int msgCode, String field, String message) {
            this(msgCode, List.of(new Err(field, message, 0)));
        }
    }

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
            sessions.clear();
        }
    }

    public int sessionCount() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /** Successful logins (ValidateUser, LoginByAppSecret, LoginBySign). */
    public int loginCount() {
        synchronized (lock) {
            return logins;
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
            recentPackages.clear();
            asyncTasks.clear();
            calls.clear();
            logins = 0;
            loginFailures = 0;
            pendingResponseErrors = 0;
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", store.documents.stream().map(KingdeeStore.Document::toMap).toList());
            s.put("stock", store.stock.view());
            s.put("sessions", sessions.size());
            s.put("logins", logins);
            s.put("loginFailures", loginFailures);
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
                        int n = sessions.size();
                        sessions.clear();
                        return MockResponse.json(200, toJson(Map.of("expired", n)));
                    }
                    case "sessions" -> {
                        List<Map<String, Object>> out = new ArrayList<>();
                        sessions.values().forEach(s -> out.add(Map.of("sid", s.sid, "how", s.how,
                                "lastUsed", s.lastUsed.toString())));
                        return MockResponse.json(200, toJson(out));
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
                return responseError(responseErrorMessage);
            }
            KingdeeEnvelope env;
            try {
                env = KingdeeEnvelope.parse(json, req.body());
            } catch (Exception e) {
                return responseError("请求的数据包格式不正确：" + e.getMessage());
            }
            switch (method) {
                case "ValidateUser", "LoginByAppSecret", "LoginBySign" -> {
                    return login(method, env);
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
        Auth auth = authenticate(req);
        if (auth.failure != null) {
            return auth.failure;
        }
        if (auth.session == null) {
            return sessionLost(method);
        }
        auth.session.lastUsed = now();
        MockResponse res;
        boolean async = "BeginQueryImpl".equalsIgnoreCase(req.header("beginmethod"))
                || "BeginQueryImpl".equalsIgnoreCase(env.root().path("beginmethod").asText());
        String body = switch (method) {
            case "Save", "BatchSave", "Draft" -> save(method, env);
            case "Submit", "Audit", "UnAudit", "Delete" -> operate(method, env);
            case "View" -> view(env);
            case "ExecuteBillQuery", "BillQuery" -> query(method, env);
            case "QueryAsyncResult" -> queryAsyncResult(env);
            default -> null;
        };
        if (body == null) {
            return responseError("服务“" + method + "”不存在或未实现");
        }
        if (async && !"QueryAsyncResult".equals(method)) {
            body = beginAsync(body);
        }
        res = MockResponse.json(200, body);
        if (auth.newSession != null) {
            res = withSessionCookies(res, auth.newSession);
        }
        return res;
    }

    private MockResponse responseError(String message) {
        ObjectNode o = json.createObjectNode();
        o.put("Message", message);
        o.putNull("InnerExWrapper");
        return MockResponse.text(200, "text/plain;charset=utf-8", "response_error:" + o);
    }

    // ------------------------------------------------------------------ authentication

    private record Auth(Session session, Session newSession, MockResponse failure) { }

    private List<String> presentedSids(MockRequest req) {
        List<String> sids = new ArrayList<>();
        for (String h : List.of("kdservice-sessionid", "SID")) {
            if (req.header(h) != null && !req.header(h).isBlank()) {
                sids.add(req.header(h).trim());
            }
        }
        List<String> cookieHeaders = req.headers().getOrDefault("Cookie", List.of());
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String k = part.substring(0, eq).trim();
                    if (k.equalsIgnoreCase("kdservice-sessionid") || k.equalsIgnoreCase("ASP.NET_SessionId")) {
                        sids.add(part.substring(eq + 1).trim());
                    }
                }
            }
        }
        return sids;
    }

    private Session liveSession(String sid) {
        Session s = sessions.get(sid);
        if (s == null) {
            s = sessions.values().stream().filter(x -> x.aspNetSid.equals(sid)).findFirst().orElse(null);
        }
        if (s == null) {
            return null;
        }
        Duration idle = Duration.between(s.lastUsed, now());
        if (idle.compareTo(Duration.ofMinutes(config.getSessionIdleMinutes())) >= 0) {
            sessions.remove(s.sid);
            return null;
        }
        return s;
    }

    private Auth authenticate(MockRequest req) {
        List<String> sids = presentedSids(req);
        for (String sid : sids) {
            Session s = liveSession(sid);
            if (s != null) {
                return new Auth(s, null, null); // a live SID masks the signature headers entirely [O]
            }
        }
        boolean signed = req.header("X-Kd-Appkey") != null || req.header("X-Api-Signature") != null;
        if (!signed) {
            return new Auth(null, null, null);
        }
        if (!sids.isEmpty() && !config.isReissueStaleSidWithSignature()) {
            return new Auth(null, null, null);
        }
        return switch (verifySignature(req)) {
            case OK -> {
                Session s = new Session(UUID.randomUUID().toString(), "signature", now());
                sessions.put(s.sid, s);
                yield new Auth(s, s, null);
            }
            case BAD_ACCT -> new Auth(null, null, MockResponse.text(config.getBadAcctIdStatus(),
                    "text/plain;charset=utf-8", "Fail to verify thirty passport"));
            case BAD_CREDENTIALS -> new Auth(null, null, null);
        };
    }

    private enum SignatureCheck { OK, BAD_ACCT, BAD_CREDENTIALS }

    private SignatureCheck verifySignature(MockRequest req) {
        String appKey = req.header("X-Kd-Appkey");
        String appDataB64 = req.header("X-Kd-Appdata");
        if (appKey == null || appDataB64 == null) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        String appData;
        try {
            appData = new String(Base64.getDecoder().decode(appDataB64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        String[] parts = appData.split(",", -1);
        if (parts.length < 3) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        if (!parts[0].equals(config.getAcctId())) {
            return SignatureCheck.BAD_ACCT;
        }
        // orgNum (parts[3]) is signed but not validated [O]
        if (!parts[1].equals(config.getUserName()) || !parts[2].trim().equals(String.valueOf(config.getLcid()))
                || !appKey.equals(config.getAppId())) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        if (!config.isVerifySignatures()) {
            return SignatureCheck.OK;
        }
        String kdSignature = KingdeeCrypto.kdHmac(appKey + appData, config.getAppSecret());
        if (!KingdeeCrypto.same(kdSignature, req.header("X-Kd-Signature"))) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        int us = appKey.indexOf('_');
        String clientId = us < 0 ? appKey : appKey.substring(0, us);
        String gatewaySecret = KingdeeCrypto.gatewaySecret(us < 0 ? "" : appKey.substring(us + 1));
        String ts = req.header("x-api-timestamp");
        String nonce = req.header("x-api-nonce");
        if (ts == null || nonce == null || !clientId.equals(req.header("X-Api-ClientID"))) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        // no timestamp window and no nonce-replay check: the real server has neither [O]
        String apiSignature = KingdeeCrypto.kdHmac(KingdeeCrypto.apiSignatureBase(req.path(), nonce, ts), gatewaySecret);
        return KingdeeCrypto.same(apiSignature, req.header("X-Api-Signature")) ? SignatureCheck.OK
                : SignatureCheck.BAD_CREDENTIALS;
    }

    private MockResponse withSessionCookies(MockResponse res, Session s) {
        // no expires= attribute: the Python SDK splits Set-Cookie on commas [O]
        return res.withHeaderLines("Set-Cookie", List.of("kdservice-sessionid=" + s.sid + "; path=/",
                "ASP.NET_SessionId=" + s.aspNetSid + "; path=/; HttpOnly"));
    }

    private MockResponse login(String method, KingdeeEnvelope env) {
        String acct = env.text(0, "acctID", "acctId");
        String user = env.text(1, "username", "userName");
        String lcid = switch (method) {
            case "ValidateUser" -> env.text(3, "lcid");
            case "LoginByAppSecret" -> env.text(4, "lcid");
            default -> env.text(5, "lcid");
        };
        String error = null;
        int resultType = 1;
        if (!config.getAcctId().equals(acct)) {
            error = "数据中心“" + acct + "”不存在"; // [I]
            resultType = -1;
        } else if (!config.getUserName().equals(user)) {
            error = "用户名或密码错误";
            resultType = config.getBadLoginResultType();
        } else {
            switch (method) {
                case "ValidateUser" -> {
                    if (!config.getPassword().equals(env.text(2, "password"))) {
                        error = "用户名或密码错误";
                        resultType = config.getBadLoginResultType();
                    }
                }
                case "LoginByAppSecret" -> {
                    if (!config.getAppId().equals(env.text(2, "appid", "appId"))
                            || !config.getAppSecret().equals(env.text(3, "appsecret", "appSecret"))) {
                        error = "第三方系统登录授权验证失败：应用ID或应用密钥不正确"; // [I]
                        resultType = -1;
                    }
                }
                default -> {
                    String appId = env.text(2, "appid", "appId");
                    String ts = env.text(3, "timestamp");
                    String sign = env.text(4, "sign");
                    boolean ok = config.getAppId().equals(appId) && ts != null && KingdeeCrypto.same(
                            KingdeeCrypto.loginSign(config.getLoginSignAlgorithm(), acct, user, appId,
                                    config.getAppSecret(), ts), sign);
                    if (ok && config.getLoginSignMaxSkewSeconds() > 0) {
                        try {
                            long skew = Math.abs(now().getEpochSecond() - Long.parseLong(ts));
                            ok = skew <= config.getLoginSignMaxSkewSeconds();
                        } catch (NumberFormatException e) {
                            ok = false;
                        }
                    }
                    if (!ok) {
                        error = "第三方系统登录授权验证失败：签名信息不正确"; // [I]
                        resultType = -1;
                    }
                }
            }
        }
        ObjectNode o = json.createObjectNode();
        if (error != null) {
            loginFailures++;
            o.put("Message", error);
            o.putNull("MessageCode");
            o.put("LoginResultType", resultType);
            o.putNull("Context");
            o.putNull("KDSVCSessionId");
            o.put("IsSuccessByAPI", false);
            o.put("Lcid", 0);
            o.putNull("AccessToken");
            o.putNull("ErrorStackTrace");
            return MockResponse.json(200, o.toString());
        }
        logins++;
        Session s = new Session(UUID.randomUUID().toString(), method, now());
        sessions.put(s.sid, s);
        o.putNull("Message");
        o.put("MessageCode", "CheckPasswordPolicy");
        o.put("LoginResultType", 1);
        ObjectNode ctx = o.putObject("Context");
        ctx.put("UserLocale", "zh-CN");
        ctx.put("LogLocale", "zh-CN");
        ctx.put("DBid", config.getAcctId());
        ctx.put("DatabaseType", 3);
        ctx.put("SessionId", s.aspNetSid);
        ctx.put("UserId", 100001);
        ctx.put("UserName", config.getUserName());
        ctx.put("CustomName", config.getDataCenterName());
        ctx.put("DisplayVersion", "9.0.0.20240620");
        ctx.put("DataCenterName", config.getDataCenterName());
        ctx.put("DataCenterNumber", "demo");
        ctx.put("UserToken", UUID.randomUUID().toString());
        ObjectNode org = ctx.putObject("CurrentOrganizationInfo");
        org.put("ID", KingdeeStore.ORG_ID);
        org.put("AcctOrgType", "1");
        org.put("Name", "总部");
        org.putArray("FunctionIds").add(101).add(102).add(103);
        ctx.put("IsCH_ZH_AutoTrans", false);
        ctx.put("ClientType", 32);
        ctx.put("UseLanguages", lcid == null ? "2052" : lcid);
        o.put("KDSVCSessionId", s.sid);
        o.put("IsSuccessByAPI", true);
        o.put("Lcid", 0);
        o.putNull("AccessToken");
        o.putNull("ErrorStackTrace");
        return withSessionCookies(MockResponse.json(200, o.toString()), s);
    }

    // ------------------------------------------------------------------ envelopes of answers

    private ObjectNode responseStatus(boolean success, int msgCode, List<Err> errors, List<ObjectNode> entities,
                                      List<Err> messages) {
        ObjectNode rs = json.createObjectNode();
        if (!success) {
            if (config.isErrorCodeAsString()) {
                rs.put("ErrorCode", "500");
            } else {
                rs.put("ErrorCode", 500);
            }
        } else if (config.isErrorCodeAsString()) {
            rs.put("ErrorCode", "");
        }
        rs.put("IsSuccess", success);
        boolean omit = success && config.isOmitEmptyOnSuccess();
        if (!omit || !errors.isEmpty()) {
            ArrayNode e = rs.putArray("Errors");
            errors.forEach(x -> e.add(err(x)));
        }
        ArrayNode se = rs.putArray("SuccessEntitys");
        entities.forEach(se::add);
        if (!omit || !messages.isEmpty()) {
            ArrayNode sm = rs.putArray("SuccessMessages");
            messages.forEach(x -> sm.add(err(x)));
        }
        if (!omit) {
            rs.put("MsgCode", msgCode);
        }
        return rs;
    }

    private ObjectNode err(Err e) {
        ObjectNode o = json.createObjectNode();
        if (e.fieldName() == null) {
            o.putNull("FieldName");
        } else {
            o.put("FieldName", e.fieldName());
        }
        o.put("Message", e.message());
        o.put("DIndex", e.dIndex());
        return o;
    }

    /** {@code {"Result":{"ResponseStatus":{..IsSuccess:false..}}}}; with the Save tail {@code "Id":"","NeedReturnData":[{}]}. */
    private ObjectNode failureResult(int msgCode, List<Err> errors, boolean saveTail) {
        ObjectNode root = json.createObjectNode();
        ObjectNode result = root.putObject("Result");
        result.set("ResponseStatus", responseStatus(false, msgCode, errors, List.of(), List.of()));
        if (saveTail) {
            result.put("Id", "");
            result.putArray("NeedReturnData").addObject();
        }
        return root;
    }

    private String failure(String method, int msgCode, List<Err> errors) {
        ObjectNode r = failureResult(msgCode, errors, List.of("Save", "BatchSave", "Draft").contains(method));
        if ("ExecuteBillQuery".equals(method)) {
            ArrayNode outer = json.createArrayNode();
            outer.addArray().add(r);
            return outer.toString();
        }
        return r.toString();
    }

    private MockResponse sessionLost(String method) {
        return MockResponse.json(200, failure(method, 1, List.of(new Err(null, SESSION_LOST, 0))));
    }

    private ObjectNode entity(KingdeeStore.Document d, int index) {
        ObjectNode o = json.createObjectNode();
        o.put("Id", d.id);
        o.put("Number", d.billNo);
        o.put("DIndex", index);
        return o;
    }

    // ------------------------------------------------------------------ Save / BatchSave / Draft

    private static boolean bool(JsonNode v, boolean dflt) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        return v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText().trim());
    }

    /** A base-data reference: {@code {"FNumber":"x"}} (any key case), or a bare string. */
    private static String ref(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            JsonNode n = KingdeeEnvelope.named(v, "FNumber");
            return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    private static String formName(String formId) {
        return KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) ? "其他出库单" : "其他入库单";
    }

    private String checkWritableForm(String formId) {
        if (formId == null || KingdeeForms.form(formId) == null) {
            throw new Failure(4, "", "标识为“" + formId + "”的业务对象不存在，或者被删除");
        }
        if (!KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) && !KingdeeStore.INBOUND.equalsIgnoreCase(formId)) {
            throw new Failure(12, "", "业务对象“" + formId + "”在模拟系统中不支持此操作"); // [I] mock scope
        }
        return KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) ? KingdeeStore.OUTBOUND : KingdeeStore.INBOUND;
    }

    private String save(String method, KingdeeEnvelope env) {
        try {
            String formId = checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            if (!data.isObject()) {
                throw new Failure(8, "", "data 数据包格式不正确");
            }
            checkRepeatedPackage(formId, data);
            JsonNode model = KingdeeEnvelope.named(data, "Model");
            List<JsonNode> models = new ArrayList<>();
            if ("BatchSave".equals(method) && model.isArray()) {
                model.forEach(models::add);
            } else if (model.isObject()) {
                models.add(model);
            } else {
                throw new Failure(8, "Model", "data 数据包中的参数 Model 的值不能为空");
            }
            boolean autoAudit = bool(KingdeeEnvelope.named(data, "IsAutoSubmitAndAudit"), false);
            List<Err> errors = new ArrayList<>();
            List<ObjectNode> entities = new ArrayList<>();
            List<KingdeeStore.Document> saved = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                try {
                    KingdeeStore.Document d = saveOne(formId, models.get(i), i, "Draft".equals(method));
                    saved.add(d);
                    entities.add(entity(d, i));
                } catch (Failure f) {
                    final int index = models.size() > 1 ? i : 0;
                    f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), index)));
                    if (f.msgCode != 11) {
                        throw new Failure(f.msgCode, errors);
                    }
                }
            }
            int msgCode = 11;
            if (autoAudit && errors.isEmpty()) {
                for (int i = 0; i < saved.size(); i++) {
                    KingdeeStore.Document d = saved.get(i);
                    d.status = "B";
                    try {
                        audit(d, data);
                    } catch (Failure f) {
                        // IsAutoSubmitAndAudit is not transactional by default: the document stays submitted [I]
                        if (config.isAutoSubmitAndAuditAtomic()) {
                            store.documents.remove(d);
                        }
                        f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), entities.get(0).path("DIndex").asInt())));
                        msgCode = f.msgCode;
                    }
                }
            }
            if (!errors.isEmpty()) {
                return failureResult(msgCode, errors, true).toString();
            }
            ObjectNode root = json.createObjectNode();
            ObjectNode result = root.putObject("Result");
            result.set("ResponseStatus", responseStatus(true, 0, List.of(), entities, List.of()));
            if (!"BatchSave".equals(method)) {
                result.put("Id", saved.get(0).id);
                result.put("Number", saved.get(0).billNo);
            }
            ArrayNode needReturn = result.putArray("NeedReturnData");
            JsonNode fields = KingdeeEnvelope.named(data, "NeedReturnFields");
            for (KingdeeStore.Document d : saved) {
                ObjectNode nr = needReturn.addObject();
                for (JsonNode f : fields) {
                    if (f.asText().equalsIgnoreCase("FBillNo")) {
                        nr.put(f.asText(), d.billNo);
                    } else if (f.asText().equalsIgnoreCase("FID")) {
                        nr.put(f.asText(), d.id);
                    } else if (f.asText().equalsIgnoreCase("FDocumentStatus")) {
                        nr.put(f.asText(), d.status);
                    }
                }
            }
            return root.toString();
        } catch (Failure f) {
            return failure(method, f.msgCode, f.errors);
        }
    }

    private void checkRepeatedPackage(String formId, JsonNode data) {
        if (!bool(KingdeeEnvelope.named(data, "ValidateRepeatJson"), false)) {
            return;
        }
        Instant cutoff = now().minusSeconds(config.getValidateRepeatJsonWindowSeconds());
        recentPackages.values().removeIf(t -> t.isBefore(cutoff));
        String key = formId + "|" + data;
        if (recentPackages.containsKey(key)) {
            throw new Failure(11, "", "JSON数据包重复提交，请勿重复提交相同的数据包！"); // [I] text and window unknown
        }
        recentPackages.put(key, now());
    }

    private KingdeeStore.Document saveOne(String formId, JsonNode model, int index, boolean draft) {
        long fid = KingdeeEnvelope.named(model, "FID").asLong(0);
        String billNo = KingdeeEnvelope.named(model, "FBillNo").asText("").trim();
        KingdeeStore.Document d;
        if (fid != 0) {
            d = store.byId(formId, fid).orElseThrow(() -> new Failure(11, "FID",
                    "单据内码为“" + fid + "”的" + formName(formId) + "不存在或已被删除")); // [I]
            if (!List.of("Z", "A", "D").contains(d.status)) {
                throw new Failure(11, "", "单据编号为“" + d.billNo + "”的" + formName(formId) + "，当前状态不允许修改！"); // [I]
            }
            applyModel(d, model, true);
            if (!draft && "Z".equals(d.status)) {
                d.status = "A";
            }
            return d;
        }
        if (!billNo.isEmpty() && store.byBillNo(formId, billNo).isPresent()) {
            throw new Failure(11, "FBillNo", "违反字段唯一性要求：编码唯一。[" + billNo + "]在当前系统中已经被使用。");
        }
        d = new KingdeeStore.Document(store.nextId(), formId, billNo.isEmpty() ? store.nextBillNo(formId) : billNo, now());
        d.stockDirect = "GENERAL";
        d.date = DOC_DATE.format(now());
        applyModel(d, model, false);
        d.status = draft ? "Z" : "A";
        store.documents.add(d);
        return d;
    }

    private void applyModel(KingdeeStore.Document d, JsonNode model, boolean update) {
        JsonNode v;
        if (!(v = KingdeeEnvelope.named(model, "FStockDirect")).isMissingNode()) {
            d.stockDirect = v.asText("GENERAL");
        }
        if (!(v = KingdeeEnvelope.named(model, "FDate")).isMissingNode() && !v.asText().isBlank()) {
            d.date = v.asText();
        }
        if (!(v = KingdeeEnvelope.named(model, "FCustId")).isMissingNode()) {
            d.custNumber = ref(v);
        }
        if (!(v = KingdeeEnvelope.named(model, "FDeptId")).isMissingNode()) {
            d.deptNumber = ref(v);
        }
        if (!(v = KingdeeEnvelope.named(model, "FNote")).isMissingNode()) {
            d.note = v.asText();
        }
        JsonNode entity = KingdeeEnvelope.named(model, "FEntity");
        if (update && entity.isMissingNode()) {
            return;
        }
        if (!entity.isArray() || entity.isEmpty()) {
            throw new Failure(11, "FEntity", "单据体“明细信息”至少要有一条分录！"); // [I]
        }
        List<KingdeeStore.Entry> entries = new ArrayList<>();
        List<Err> errors = new ArrayList<>();
        int row = 0;
        for (JsonNode e : entity) {
            row++;
            String material = ref(KingdeeEnvelope.named(e, "FMaterialId"));
            String stock = ref(KingdeeEnvelope.named(e, "FStockId"));
            JsonNode qtyNode = KingdeeEnvelope.named(e, "FQty");
            BigDecimal qty;
            try {
                qty = qtyNode.isNumber() ? qtyNode.decimalValue() : new BigDecimal(qtyNode.asText().trim());
            } catch (NumberFormatException ex) {
                qty = BigDecimal.ZERO;
            }
            KingdeeStore.Material mat = material == null ? null : store.materials.get(material);
            if (mat == null) {
                errors.add(new Err("FMaterialId", "第" + row + "行分录，字段“物料编码”是必填项，或“" + material
                        + "”在系统中不存在或未审核！", 0)); // [I]
            }
            if (stock == null || !store.warehouses.containsKey(stock)) {
                errors.add(new Err("FStockId", "第" + row + "行分录，字段“仓库”是必填项，或“" + stock
                        + "”在系统中不存在或未审核！", 0)); // [I]
            }
            if (qty.signum() <= 0) {
                errors.add(new Err("FQty", "第" + row + "行分录，实发数量必须大于0！", 0)); // [I]
            }
            String unit = ref(KingdeeEnvelope.named(e, "FUnitID"));
            String note = KingdeeEnvelope.named(e, "FEntryNote").asText(null);
            entries.add(new KingdeeStore.Entry(store.nextEntryId(), material, stock, qty,
                    unit != null ? unit : mat == null ? "" : mat.unit(), note));
        }
        if (!errors.isEmpty()) {
            throw new Failure(11, errors);
        }
        d.entries = entries;
    }

    // ------------------------------------------------------------------ Submit / Audit / UnAudit / Delete

    private String operate(String method, KingdeeEnvelope env) {
        try {
            String formId = checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            List<KingdeeStore.Document> docs = new ArrayList<>();
            List<Err> errors = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            JsonNode numbers = KingdeeEnvelope.named(data, "Numbers");
            JsonNode ids = KingdeeEnvelope.named(data, "Ids");
            if (numbers.isArray() && !numbers.isEmpty()) {
                numbers.forEach(n -> keys.add("N:" + n.asText()));
            } else if (!ids.isMissingNode() && !ids.asText().isBlank()) {
                for (String id : ids.asText().split(",")) {
                    keys.add("I:" + id.trim());
                }
            } else {
                throw new Failure(5, "", "单据内码或单据编号不能为空！"); // MsgCode 5 = bill id empty
            }
            int msgCode = 11;
            List<ObjectNode> entities = new ArrayList<>();
            List<Err> messages = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                Optional<KingdeeStore.Document> d = k.startsWith("N:") ? store.byBillNo(formId, k.substring(2))
                        : parseLong(k.substring(2)).flatMap(id -> store.byId(formId, id));
                if (d.isEmpty()) {
                    errors.add(new Err("", (k.startsWith("N:") ? "单据编号为“" : "单据内码为“") + k.substring(2)
                            + "”的" + formName(formId) + "不存在或已被删除！", i)); // [I]
                    continue;
                }
                try {
                    String done = switch (method) {
                        case "Submit" -> submit(d.get());
                        case "Audit" -> audit(d.get(), data);
                        case "UnAudit" -> unAudit(d.get());
                        default -> delete(d.get());
                    };
                    entities.add(entity(d.get(), i));
                    messages.add(new Err(null, "单据编号为“" + d.get().billNo + "”的" + formName(formId) + "，" + done
                            + "成功！", i));
                } catch (Failure f) {
                    final int index = i;
                    f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), index)));
                    msgCode = f.msgCode;
                }
            }
            if (!errors.isEmpty()) {
                return failure(method, msgCode, errors);
            }
            ObjectNode root = json.createObjectNode();
            root.putObject("Result").set("ResponseStatus", responseStatus(true, 0, List.of(), entities, messages));
            return root.toString();
        } catch (Failure f) {
            return failure(method, f.msgCode, f.errors);
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String prefix(KingdeeStore.Document d) {
        return "单据编号为“" + d.billNo + "”的" + formName(d.formId) + "，";
    }

    private String submit(KingdeeStore.Document d) {
        switch (d.status) {
            case "B" -> throw new Failure(11, "", prefix(d) + "单据已经提交！"); // [I]
            case "C" -> throw new Failure(11, "", prefix(d) + "单据已经审核！");
            default -> d.status = "B";
        }
        return "提交";
    }

    private String audit(KingdeeStore.Document d, JsonNode data) {
        if ("C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据已经审核！");
        }
        if (!"B".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据未提交，不能审核！"); // [I]
        }
        Map<List<String>, BigDecimal> deltas = store.stockDeltas(d, 1);
        boolean goesNegative = deltas.entrySet().stream().anyMatch(e -> e.getValue().signum() < 0
                && store.stock.quantity(e.getKey().get(0), e.getKey().get(1)).add(e.getValue()).signum() < 0);
        if (goesNegative) {
            String flags = KingdeeEnvelope.named(data, "InterationFlags").asText("");
            boolean ignore = bool(KingdeeEnvelope.named(data, "IgnoreInterationFlag"), true);
            boolean flagged = ignore && List.of(flags.split(";")).stream().map(String::trim)
                    .anyMatch("STK_InvCheckResult"::equalsIgnoreCase);
            switch (config.getNegativeStock()) {
                case INTERACTIVE -> {
                    if (!flagged) {
                        throw new Failure(11, "AbstractInteractionResult", "更新库存时出现可以忽略的异常数据，是否继续？");
                    }
                }
                case HARD -> {
                    List<String> detail = new ArrayList<>();
                    deltas.forEach((k, v) -> {
                        BigDecimal after = store.stock.quantity(k.get(0), k.get(1)).add(v);
                        if (after.signum() < 0) {
                            detail.add("物料“" + k.get(0) + "”在仓库“" + k.get(1) + "”出现负库存" + after.toPlainString());
                        }
                    });
                    throw new Failure(11, "", "更新库存出现异常情况，更新库存不成功！" + String.join("；", detail));
                }
                case ALLOW -> { }
            }
        }
        deltas.forEach((k, v) -> store.stock.add(k.get(0), k.get(1), v));
        d.status = "C";
        d.approved = now();
        return "审核";
    }

    private String unAudit(KingdeeStore.Document d) {
        if (!"C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据未审核，不能反审核！"); // [I]
        }
        store.stockDeltas(d, -1).forEach((k, v) -> store.stock.add(k.get(0), k.get(1), v));
        d.status = "D";
        d.approved = null;
        return "反审核";
    }

    private String delete(KingdeeStore.Document d) {
        if ("B".equals(d.status) || "C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据状态不允许删除！"); // [I]
        }
        store.documents.remove(d);
        return "删除";
    }

    // ------------------------------------------------------------------ View

    private String view(KingdeeEnvelope env) {
        try {
            String formId = checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            String number = KingdeeEnvelope.named(data, "Number").asText("");
            String id = KingdeeEnvelope.named(data, "Id").asText("");
            Optional<KingdeeStore.Document> found = !number.isBlank() ? store.byBillNo(formId, number)
                    : parseLong(id).flatMap(x -> store.byId(formId, x));
            if (found.isEmpty()) {
                throw new Failure(10, "", "单据“" + (number.isBlank() ? id : number) + "”不存在或已被删除！"); // [I]
            }
            KingdeeStore.Document d = found.get();
            ObjectNode root = json.createObjectNode();
            ObjectNode result = root.putObject("Result");
            result.putNull("ResponseStatus");
            ObjectNode doc = result.putObject("Result");
            doc.put("Id", d.id);
            doc.put("BillNo", d.billNo);
            doc.put("Number", d.billNo);
            doc.put("DocumentStatus", d.status);
            doc.put("StockDirect", d.stockDirect);
            doc.put("Date", d.date);
            doc.put("Note", d.note);
            doc.put("StockOrgId_Id", KingdeeStore.ORG_ID);
            doc.set("StockOrgId", baseData(KingdeeStore.ORG_ID, KingdeeStore.ORG_NUMBER, "总部"));
            KingdeeStore.Customer c = d.custNumber == null ? null : store.customers.get(d.custNumber);
            doc.put("CustId_Id", c == null ? 0 : c.id());
            doc.set("CustId", c == null ? json.nullNode() : baseData(c.id(), c.number(), c.name()));
            doc.put("CreateDate", KingdeeForms.K3_TIME.format(d.created));
            doc.put("ApproveDate", d.approved == null ? null : KingdeeForms.K3_TIME.format(d.approved));
            ArrayNode entries = doc.putArray("BillEntry");
            int seq = 0;
            for (KingdeeStore.Entry e : d.entries) {
                ObjectNode en = entries.addObject();
                en.put("Id", e.entryId());
                en.put("Seq", ++seq);
                KingdeeStore.Material m = store.materials.get(e.material());
                KingdeeStore.Warehouse w = store.warehouses.get(e.stock());
                en.put("MaterialId_Id", m == null ? 0 : m.id());
                en.set("MaterialId", m == null ? json.nullNode() : baseData(m.id(), m.number(), m.name()));
                en.put("StockId_Id", w == null ? 0 : w.id());
                en.set("StockId", w == null ? json.nullNode() : baseData(w.id(), w.number(), w.name()));
                en.set("Qty", node(KingdeeForms.qty(e.qty())));
                en.set("BaseQty", node(KingdeeForms.qty(e.qty())));
                en.put("EntryNote", e.note());
            }
            return root.toString();
        } catch (Failure f) {
            return failure("View", f.msgCode, f.errors);
        }
    }

    private ObjectNode baseData(long id, String number, String name) {
        ObjectNode o = json.createObjectNode();
        o.put("Id", id);
        o.put("Number", number);
        o.putArray("Name").addObject().put("Key", 2052).put("Value", name);
        return o;
    }

    // ------------------------------------------------------------------ ExecuteBillQuery / BillQuery

    private String query(String method, KingdeeEnvelope env) {
        try {
            JsonNode data = env.arg(0, "data");
            if (!data.isObject()) {
                throw new Failure(8, "", "data 数据包格式不正确");
            }
            String formId = KingdeeEnvelope.named(data, "FormId").asText("");
            KingdeeForms.Form form = KingdeeForms.form(formId);
            if (form == null) {
                throw new Failure(4, "", "标识为“" + formId + "”的业务对象不存在，或者被删除");
            }
            String fieldKeys = KingdeeEnvelope.named(data, "FieldKeys").asText("");
            if (fieldKeys.isBlank()) {
                throw new Failure(8, "", "data 数据包中的参数 FieldKeys 的值不能为空");
            }
            List<String> fields = new ArrayList<>();
            for (String f : fieldKeys.split(",")) {
                String t = f.trim();
                if (!form.all().contains(t.toLowerCase(Locale.ROOT))) {
                    throw new Failure(9, "", "元数据中标识为 " + t + " 的字段不存在");
                }
                fields.add(t);
            }
            List<String> filterFields = new ArrayList<>();
            Predicate<Map<String, Object>> filter;
            try {
                filter = KingdeeFilter.parse(KingdeeEnvelope.named(data, "FilterString"), form.all(), filterFields);
            } catch (KingdeeFilter.UnknownField e) {
                throw new Failure(9, "", "元数据中标识为 " + e.field + " 的字段不存在");
            } catch (KingdeeFilter.BadExpression e) {
                throw new Failure(4, "", "GetRealExpress error: " + e.getMessage());
            }
            boolean perEntry = fields.stream().anyMatch(f -> form.entryFields().contains(f.toLowerCase(Locale.ROOT)))
                    || filterFields.stream().anyMatch(form.entryFields()::contains);
            List<Map<String, Object>> rows = new ArrayList<>(KingdeeForms.rows(store, form, perEntry, now()).stream()
                    .filter(filter).toList());
            sort(rows, KingdeeEnvelope.named(data, "OrderString").asText(""), form);
            int start = Math.max(0, KingdeeEnvelope.named(data, "StartRow").asInt(0));
            int top = KingdeeEnvelope.named(data, "TopRowCount").asInt(0);
            int limit = KingdeeEnvelope.named(data, "Limit").asInt(0);
            limit = limit <= 0 ? 2000 : Math.min(limit, 10000);
            // TopRowCount is an absolute end row, not a count from StartRow [O]
            int end = Math.min(rows.size(), start + limit);
            if (top > 0) {
                end = Math.min(end, top);
            }
            List<Map<String, Object>> page = start >= end ? List.of() : rows.subList(start, end);
            ArrayNode out = json.createArrayNode();
            for (Map<String, Object> r : page) {
                if ("BillQuery".equals(method)) {
                    ObjectNode o = out.addObject();
                    fields.forEach(f -> o.set(f, node(r.get(f.toLowerCase(Locale.ROOT)))));
                } else {
                    ArrayNode a = out.addArray();
                    fields.forEach(f -> a.add(node(r.get(f.toLowerCase(Locale.ROOT)))));
                }
            }
            return out.toString();
        } catch (Failure f) {
            return failure(method, f.msgCode, f.errors);
        }
    }

    private JsonNode node(Object v) {
        if (v instanceof BigDecimal bd) {
            return DecimalNode.valueOf(bd); // keep 12.0: the default node factory would strip it to 12
        }
        return v == null ? json.nullNode() : json.valueToTree(v);
    }

    private void sort(List<Map<String, Object>> rows, String order, KingdeeForms.Form form) {
        if (order.isBlank()) {
            return;
        }
        Comparator<Map<String, Object>> cmp = null;
        for (String part : order.split(",")) {
            String[] w = part.trim().split("\\s+");
            String key = w[0].toLowerCase(Locale.ROOT);
            if (!form.all().contains(key)) {
                throw new Failure(9, "", "元数据中标识为 " + w[0] + " 的字段不存在");
            }
            Comparator<Map<String, Object>> c = Comparator.comparing(r -> sortKey(r.get(key)),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if (w.length > 1 && w[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        rows.sort(cmp);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortKey(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return v == null ? null : v.toString();
    }

    // ------------------------------------------------------------------ async query mode

    private String beginAsync(String body) {
        JsonNode result;
        try {
            result = json.readTree(body);
        } catch (Exception e) {
            result = json.getNodeFactory().textNode(body);
        }
        String taskId = UUID.randomUUID().toString();
        ObjectNode o = json.createObjectNode();
        if (config.getAsyncQueryPolls() <= 0) {
            o.put("Status", 2);
            o.put("TaskId", taskId);
            o.set("Result", result);
        } else {
            asyncTasks.put(taskId, new AsyncTask(config.getAsyncQueryPolls(), result));
            o.put("Status", 1);
            o.put("TaskId", taskId);
            o.putNull("Result");
        }
        return o.toString();
    }

    private String queryAsyncResult(KingdeeEnvelope env) {
        // Java SDK: {"parameters":[{"TaskId":..,"Cancelled":false}]}; Python SDK: {"queryInfo":"{\"TaskId\":..}"}
        JsonNode info = env.arg(0, "queryInfo");
        String taskId = KingdeeEnvelope.named(info, "TaskId").asText("");
        AsyncTask task = asyncTasks.get(taskId);
        ObjectNode o = json.createObjectNode();
        if (task == null) {
            o.put("Status", 3); // [I] unknown task
            o.put("TaskId", taskId);
            o.putNull("Result");
            return o.toString();
        }
        o.put("TaskId", taskId);
        if (task.pollsLeft-- > 1) {
            o.put("Status", 1);
            o.putNull("Result");
        } else {
            asyncTasks.remove(taskId);
            o.put("Status", 2);
            o.set("Result", task.result);
        }
        return o.toString();
    }
}
