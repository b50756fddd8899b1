package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * FXiaoKe (纷享销客) CRM stand-in, im-crm-apis §3.1 and §4: legacy ({@code /cgi/corpAccessToken/get/V2}) and new
 * ({@code /oauth2.0/token}) tokens with the 6 600 s reuse window, burst and concurrent token-call rejection,
 * 20016/20017, 100 calls per 20 s per path, the object data API for {@code AccountObj}, {@code ContactObj} and
 * configurable custom objects ({@code __c}) with paging limits and a non-updatable owner; and, as the CRM, signed and
 * encrypted data-change callbacks re-sent with an increasing {@code retryTimes}.
 *
 * <p>HTTP is always 200; {@code errorCode} carries the outcome. Own admin paths: {@code config},
 * {@code tokens/expire}, {@code scripted-errors} (e.g. 30002 daily quota, 30003, -1, 50009), {@code callback/push}.
 */
public class FxiaokeMock extends ImCrmMock<FxiaokeSettings, String> {

    private static final Set<String> PRESET_OBJECTS = Set.of("AccountObj", "ContactObj");
    private static final Set<String> ACTIONS = Set.of("query", "get", "create", "update", "invalid", "delete", "changeOwner");

    private final AtomicLong idSeq = new AtomicLong(0x6a0000000000L);
    private final AtomicLong traceSeq = new AtomicLong();

    // ---- state, guarded by "this"
    private String appId = "FSAID_13189e1aftersalesdemo";
    private String appSecret = "demo-fxiaoke-app-secret-aftersales-hub";
    private String permanentCode = "demo-fxiaoke-permanent-code-0001";
    private String corpId = "FSCID_aftersalesdemo0001";
    private String ea = "aftersalesdemo";
    private String openUserId = "FSUID_aftersalesdemo1000";
    private String crmUserId = "1000";
    private final Set<String> customObjects = new LinkedHashSet<>();
    private final Set<String> tokenCallInFlight = new HashSet<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final List<Map<String, Object>> writes = new ArrayList<>();

    public FxiaokeMock() {
        super("fxiaoke", FxiaokeSettings::new, s -> s.callback);
    }

    @Override
    public int defaultPort() {
        return 18086;
    }

    // ------------------------------------------------------------------ seed, reset, state

    @Override
    protected synchronized void seed(JsonNode data) {
        JsonNode own = data.path(name());
        appId = own.path("appId").asText(appId);
        appSecret = own.path("appSecret").asText(appSecret);
        permanentCode = own.path("permanentCode").asText(permanentCode);
        corpId = own.path("corpId").asText(corpId);
        ea = own.path("ea").asText(ea);
        openUserId = own.path("openUserId").asText(openUserId);
        crmUserId = own.path("crmUserId").asText(crmUserId);
        own.path("customObjects").forEach(o -> customObjects.add(o.asText()));
        seedCallbackSection(own);
        long t = clock.millis();
        for (JsonNode c : data.path("customers")) {
            String id = c.path("fxiaokeId").asText(null);
            if (id == null) {
                continue;
            }
            ObjectNode acc = newRecord("AccountObj", id, t);
            acc.put("name", c.path("name").asText());
            acc.put("account_no", c.path("id").asText());
            acc.put("region__c", c.path("region").asText(""));
            acc.put("account_level", c.path("tier").asText(""));
            table("AccountObj").put(id, acc);
            int n = 0;
            for (JsonNode ct : c.path("contacts")) {
                String cid = "7" + id.substring(Math.min(3, id.length())) + String.format("%02d", n++); // unique per customer
                ObjectNode con = newRecord("ContactObj", cid, t);
                con.put("name", ct.path("name").asText());
                con.put("account_id", id);
                con.put("mobile1", ct.path("phone").asText(""));
                con.put("email", ct.path("email").asText(""));
                table("ContactObj").put(cid, con);
            }
        }
    }

    private ObjectNode newRecord(String apiName, String id, long nowMs) {
        ObjectNode r = json.createObjectNode();
        r.put("_id", id);
        r.put("object_describe_api_name", apiName);
        r.putArray("owner").add(crmUserId);
        r.putArray("created_by").add(crmUserId);
        r.put("create_time", nowMs);
        r.put("last_modified_time", nowMs);
        r.put("life_status", "normal");
        r.put("is_deleted", false);
        return r;
    }

    private Map<String, ObjectNode> table(String apiName) {
        return objects.computeIfAbsent(apiName, k -> new LinkedHashMap<>());
    }

    @Override
    protected void clearPlatformState() {
        customObjects.clear();
        tokenCallInFlight.clear();
        tokenCalls.clear();
        objects.clear();
        writes.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        long now = clock.millis();
        s.put("appId", appId);
        s.put("corpId", corpId);
        s.put("ea", ea);
        s.put("customObjects", List.copyOf(customObjects));
        List<Map<String, Object>> ts = new ArrayList<>();
        tokens.honouredTokens().forEach(t -> ts.add(Map.of("token", t.value(), "style", t.owner(),
                "issuedAtMillis", t.issuedAtMs(), "expiresAtMillis", t.expiresAtMs(), "valid", t.expiresAtMs() > now)));
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
        Map<String, Object> counts = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        objects.forEach((api, t) -> {
            counts.put(api, t.size());
            data.put(api, json.convertValue(List.copyOf(t.values()), List.class));
        });
        s.put("objectCounts", counts);
        s.put("objects", data);
        s.put("writes", List.copyOf(writes));
    }

    /** A stored record (a copy), or null. */
    public synchronized JsonNode record(String apiName, String id) {
        ObjectNode r = objects.getOrDefault(apiName, Map.of()).get(id);
        return r == null ? null : r.deepCopy();
    }

    // ------------------------------------------------------------------ envelope

    private String traceId() {
        return "E-O." + ea + "." + crmUserId + "-" + traceSeq.incrementAndGet() + WxCallbackCrypto.randomAlphanumeric(6);
    }

    private MockResponse ok(Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("errorCode", 0);
        body.put("errorMessage", "OK");
        body.put("errorDescription", "success");
        body.put("traceId", traceId());
        return MockResponse.json(200, toJson(body));
    }

    private MockResponse error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorMessage", message);
        body.put("errorDescription", message);
        body.put("traceId", traceId());
        return MockResponse.json(200, toJson(body));
    }

    private MockResponse illegal(String parameter) {
        return error(settings.illegalParameterErrorCode, "the parameter " + parameter + " is missing or illegal");
    }

    // ------------------------------------------------------------------ routing

    @Override
    protected String operationOf(MockRequest req) {
        String p = req.path();
        if (p.startsWith("/cgi/corpAccessToken/get")) {
            return "corpAccessToken/get";
        }
        if (p.equals("/oauth2.0/token")) {
            return "oauth2.0/token";
        }
        int i = p.lastIndexOf('/');
        return i >= 0 && p.startsWith("/cgi/crm/") ? "data/" + p.substring(i + 1) : null;
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String p = req.path();
        if (p.equals("/cgi/corpAccessToken/get/V2") || p.equals("/cgi/corpAccessToken/get")) {
            return token(req, "legacy");
        }
        if (p.equals("/oauth2.0/token")) {
            return token(req, "new");
        }
        boolean custom = p.startsWith("/cgi/crm/custom/v2/data/");
        if (!custom && !p.startsWith("/cgi/crm/v2/data/")) {
            return MockResponse.text(404, "text/html", "<html><body>404 Not Found</body></html>");
        }
        String action = p.substring(p.lastIndexOf('/') + 1);
        if (!ACTIONS.contains(action)) {
            return MockResponse.text(404, "text/html", "<html><body>404 Not Found</body></html>");
        }
        JsonNode body;
        try {
            body = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
        } catch (Exception e) {
            return illegal("body");
        }
        if (body == null || !body.isObject()) {
            return illegal("body");
        }
        MockResponse denied = authenticate(req, body);
        if (denied != null) {
            return denied;
        }
        var scriptedCode = scripted.next(operationOf(req));
        if (scriptedCode.isPresent()) {
            return error(scriptedCode.get(), scriptedMessage(scriptedCode.get()));
        }
        long now = clock.millis();
        if (!limiter.tryAcquire("path:" + p, now, settings.callsPerPathPerWindow, settings.pathWindowMs)) {
            synchronized (this) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("kind", "pathFrequency");
                r.put("path", p);
                r.put("code", settings.rateLimitErrorCode);
                r.put("atMillis", now);
                rateLimitRejections.add(r);
            }
            return settings.rateLimitErrorCode == 14001 ? error(14001, "调用次数超过限制")
                    : error(settings.rateLimitErrorCode, "调用频率超过限制,请稍后再试");
        }
        JsonNode data = body.path("data");
        String apiName = data.path("dataObjectApiName").asText(
                data.path("object_data").path("dataObjectApiName").asText(null));
        if (apiName == null) {
            return illegal("dataObjectApiName");
        }
        synchronized (this) {
            if (!PRESET_OBJECTS.contains(apiName) && !customObjects.contains(apiName)) {
                return illegal("dataObjectApiName");
            }
            return switch (action) {
                case "query" -> query(apiName, data);
                case "get" -> get(apiName, data);
                case "create" -> create(apiName, body, data);
                case "update" -> update(apiName, body, data);
                case "invalid" -> invalidate(apiName, data);
                case "delete" -> delete(apiName, data);
                default -> changeOwner(apiName, data);
            };
        }
    }

    private static String scriptedMessage(int code) {
        return switch (code) {
            case -1 -> "系统繁忙";
            case -2 -> "系统错误";
            case 30002 -> "今日调用次数已用完";
            case 30003 -> "未购买OpenAPI调用资源";
            case 50009 -> "服务超时";
            default -> "mock scripted error " + code;
        };
    }

    // ------------------------------------------------------------------ tokens

    private MockResponse token(MockRequest req, String style) {
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return error(10006, "the parameter appId is missing or illegal");
        }
        String id = b.path("appId").asText("");
        FxiaokeSettings cfg = settings;
        long now = clock.millis();
        synchronized (this) {
            if (!id.equals(appId)) {
                recordTokenCall(style, "10006 appId");
                return error(10006, "the parameter appId is missing or illegal");
            }
            if (!b.path("appSecret").asText("").equals(appSecret)) {
                recordTokenCall(style, "10006 appSecret");
                return error(10006, "the parameter appSecret is missing or illegal");
            }
            if (!b.path("permanentCode").asText("").equals(permanentCode)) {
                recordTokenCall(style, "10006 permanentCode");
                return error(10006, "the parameter permanentCode is missing or illegal");
            }
            if (style.equals("new") && !"app_secret".equals(b.path("grantType").asText(""))) {
                recordTokenCall(style, "10006 grantType");
                return error(10006, "the parameter grantType is missing or illegal");
            }
            if (tokenCallInFlight.contains(appId)) {
                recordTokenCall(style, "rejected concurrent");
                return tokenRejected("concurrent");
            }
            if (!limiter.tryAcquire("token:" + appId, now, cfg.tokenCallsPerMinute, 60_000)) {
                recordTokenCall(style, "rejected burst");
                return tokenRejected("burst");
            }
            tokenCallInFlight.add(appId);
        }
        try {
            if (cfg.tokenServiceTimeMs > 0) {
                Thread.sleep(cfg.tokenServiceTimeMs); // holds the app's slot like a slow token service would
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            tokenCallInFlight.remove(appId);
            long t = clock.millis();
            AccessTokens.Token<String> cur = tokens.current(style);
            if (cur == null || t - cur.issuedAtMs() >= cfg.tokenReuseSeconds * 1000 || !tokens.isLive(cur, t)) {
                // a new token; the old one stays valid until its own expiry (§3.1)
                cur = tokens.issue(style, WxCallbackCrypto.randomAlphanumeric(32).toUpperCase(), style, t,
                        t + cfg.tokenTtlSeconds * 1000, false);
            }
            recordTokenCall(style, "ok");
            long expiresIn = (cur.expiresAtMs() - t) / 1000;
            Map<String, Object> out = new LinkedHashMap<>();
            if (style.equals("legacy")) {
                out.put("corpAccessToken", cur.value());
                out.put("corpId", corpId);
                out.put("expiresIn", expiresIn);
            } else {
                out.put("accessToken", cur.value());
                out.put("expiresIn", expiresIn);
                out.put("ea", ea);
                out.put("appId", appId);
                out.put("openUserId", openUserId);
            }
            out.put("errorCode", 0);
            out.put("errorMessage", "success");
            out.put("traceId", traceId());
            return MockResponse.json(200, toJson(out));
        }
    }

    private MockResponse tokenRejected(String why) {
        synchronized (this) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", "token-" + why);
            r.put("path", "token");
            r.put("code", settings.tokenRejectErrorCode);
            r.put("atMillis", clock.millis());
            rateLimitRejections.add(r);
        }
        return error(settings.tokenRejectErrorCode, "token request rejected: " + why
                + " calls (at most " + settings.tokenCallsPerMinute + "/min, never concurrently)");
    }

    private synchronized void recordTokenCall(String style, String outcome) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("style", style);
        c.put("atMillis", clock.millis());
        c.put("outcome", outcome);
        tokenCalls.add(c);
    }

    /** Body style (corpAccessToken + corpId) or header style (Bearer + x-fs-ea); null when allowed. */
    private MockResponse authenticate(MockRequest req, JsonNode body) {
        String auth = req.header("authorization");
        String token;
        boolean ownerOk;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
            ownerOk = ea.equals(req.header("x-fs-ea"));
        } else if (body.hasNonNull("corpAccessToken") && !body.get("corpAccessToken").asText().isEmpty()) {
            token = body.get("corpAccessToken").asText();
            ownerOk = corpId.equals(body.path("corpId").asText());
        } else {
            return error(20017, "corpAccessToken为必填项，不能为空");
        }
        synchronized (this) {
            AccessTokens.Token<String> t = tokens.find(token);
            if (t == null || t.expiresAtMs() <= clock.millis() || !ownerOk) {
                return error(20016, "the cropId,cropAccessToken or authorization is error");
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ object data API (caller holds the lock)

    private MockResponse query(String apiName, JsonNode data) {
        JsonNode q = data.path("search_query_info");
        int limit = q.path("limit").asInt(20);
        int offset = q.path("offset").asInt(0);
        if (offset > settings.maxOffset) {
            return error(10013, "offset out of range " + settings.maxOffset);
        }
        if (limit < 1 || limit > settings.maxLimit) {
            return illegal("limit");
        }
        if (offset < 0 || offset % limit != 0) {
            return illegal("offset");
        }
        boolean filtersLifeStatus = false;
        for (JsonNode f : q.path("filters")) {
            filtersLifeStatus |= "life_status".equals(f.path("field_name").asText());
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode r : table(apiName).values()) {
            if (!filtersLifeStatus && "invalid".equals(r.path("life_status").asText())) {
                continue; // invalidated records leave the default list
            }
            boolean all = true;
            for (JsonNode f : q.path("filters")) {
                all &= QueryFilters.matches(r.path(f.path("field_name").asText()), f.path("operator").asText("EQ"),
                        f.path("field_values"));
            }
            if (all) {
                rows.add(r);
            }
        }
        Comparator<ObjectNode> order = null;
        for (JsonNode o : q.path("orders")) {
            String field = o.path("fieldName").asText();
            Comparator<ObjectNode> c = (a, b) -> QueryFilters.compare(a.path(field), b.path(field));
            if (!o.path("isAsc").asBoolean(true)) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        if (order != null) {
            rows.sort(order);
        }
        List<String> projection = new ArrayList<>();
        q.path("fieldProjection").forEach(f -> projection.add(f.asText()));
        List<JsonNode> page = new ArrayList<>();
        for (int i = offset; i < Math.min(rows.size(), offset + limit); i++) {
            ObjectNode r = rows.get(i).deepCopy();
            if (!projection.isEmpty()) {
                r.retain(projection);
            }
            page.add(r);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataList", page);
        d.put("offset", offset);
        d.put("limit", limit);
        d.put("total", rows.size());
        return ok(Map.of("data", d));
    }

    private MockResponse get(String apiName, JsonNode data) {
        ObjectNode r = table(apiName).get(data.path("objectDataId").asText(""));
        return r == null ? illegal("objectDataId") : ok(Map.of("data", r.deepCopy()));
    }

    private MockResponse create(String apiName, JsonNode body, JsonNode data) {
        JsonNode od = data.path("object_data");
        if (!od.isObject()) {
            return illegal("object_data");
        }
        if (od.path("name").asText("").isBlank()) {
            return illegal("name");
        }
        if (apiName.equals("ContactObj") && od.hasNonNull("account_id")
                && !table("AccountObj").containsKey(od.get("account_id").asText())) {
            return illegal("account_id");
        }
        String id = Long.toHexString(idSeq.incrementAndGet()) // 24 hex digits, like FXiaoKe's object ids
                + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long now = clock.millis();
        ObjectNode r = newRecord(apiName, id, now);
        od.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("dataObjectApiName") && !e.getKey().equals("_id")) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (!r.get("owner").isArray()) {
            r.putArray("owner").add(r.get("owner").asText()); // employee fields are lists even when single-valued
        }
        table(apiName).put(id, r);
        recordWrite("create", apiName, id, body);
        changed("add", apiName, id);
        return ok(Map.of("dataId", id));
    }

    private MockResponse update(String apiName, JsonNode body, JsonNode data) {
        JsonNode od = data.path("object_data");
        ObjectNode r = table(apiName).get(od.path("_id").asText(""));
        if (r == null) {
            return illegal("_id");
        }
        if (od.has("owner")) {
            return error(settings.illegalParameterErrorCode, "owner can not be updated, use changeOwner"); // [O] rule, [I] code
        }
        if ("invalid".equals(r.path("life_status").asText())) {
            return illegal("_id");
        }
        od.fields().forEachRemaining(e -> {
            if (!Set.of("dataObjectApiName", "_id", "create_time", "created_by").contains(e.getKey())) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        r.put("last_modified_time", clock.millis());
        recordWrite("update", apiName, r.get("_id").asText(), body);
        changed("update", apiName, r.get("_id").asText());
        return ok(Map.of());
    }

    private MockResponse invalidate(String apiName, JsonNode data) {
        ObjectNode r = table(apiName).get(data.path("object_data_id").asText(""));
        if (r == null) {
            return illegal("object_data_id");
        }
        r.put("life_status", "invalid");
        r.put("last_modified_time", clock.millis());
        recordWrite("invalid", apiName, r.get("_id").asText(), data);
        changed("invalid", apiName, r.get("_id").asText());
        return ok(Map.of());
    }

    private MockResponse delete(String apiName, JsonNode data) {
        JsonNode ids = data.path("idList");
        if (!ids.isArray() || ids.isEmpty()) {
            return illegal("idList");
        }
        for (JsonNode id : ids) {
            ObjectNode r = table(apiName).get(id.asText());
            if (r == null) {
                return illegal("idList");
            }
            if (!"invalid".equals(r.path("life_status").asText())) {
                return error(settings.illegalParameterErrorCode, "data " + id.asText() + " must be invalidated before delete");
            }
        }
        for (JsonNode id : ids) {
            table(apiName).remove(id.asText());
            recordWrite("delete", apiName, id.asText(), data);
            changed("delete", apiName, id.asText());
        }
        return ok(Map.of());
    }

    private MockResponse changeOwner(String apiName, JsonNode data) {
        JsonNode list = data.path("Data");
        if (!list.isArray() || list.isEmpty()) {
            return illegal("Data");
        }
        for (JsonNode item : list) {
            if (!table(apiName).containsKey(item.path("objectDataId").asText("")) || !item.path("ownerId").isArray()) {
                return illegal("objectDataId");
            }
        }
        for (JsonNode item : list) {
            ObjectNode r = table(apiName).get(item.get("objectDataId").asText());
            r.set("owner", item.get("ownerId").deepCopy());
            r.put("last_modified_time", clock.millis());
            recordWrite("changeOwner", apiName, r.get("_id").asText(), data);
            changed("update", apiName, r.get("_id").asText());
        }
        return ok(Map.of());
    }

    private void recordWrite(String action, String apiName, String id, JsonNode body) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("action", action);
        w.put("apiName", apiName);
        w.put("dataId", id);
        w.put("atMillis", clock.millis());
        // writes fire workflows unless told otherwise (§3.1: both flags default to true)
        w.put("triggerWorkFlow", body.path("triggerWorkFlow").asBoolean(true));
        w.put("triggerApprovalFlow", body.path("triggerApprovalFlow").asBoolean(true));
        writes.add(w);
    }

    // ------------------------------------------------------------------ data-change callbacks (§3.1)

    /** Fixed values for known-answer tests and negative cases; every field optional. */
    public record PushOptions(String plaintext, Long timestamp, String nonce, String messageId, Integer firstRetryTimes,
                              boolean tamperSignature, String aesKeyOverride) {
        public static PushOptions defaults() {
            return new PushOptions(null, null, null, null, null, false, null);
        }
    }

    private void changed(String eventType, String apiName, String dataId) {
        FxiaokeSettings.Callback cb = settings.callback;
        if (cb.pushOnChange && cb.url != null && !cb.url.isBlank()) {
            sender.deliverAsync("change:" + eventType, exchange(eventType, apiName, dataId, PushOptions.defaults(), cb),
                    cb.replyTimeoutMs, cb.retryDelaysMs);
        }
    }

    /**
     * Posts one data-change event to the hub now and returns attempt 1; on a bad or late reply it is re-sent after
     * each configured delay with {@code retryTimes} 1, 2, ... (or {@code firstRetryTimes}, +1, ... when given).
     */
    public CallbackSender.Attempt pushChange(String eventType, String apiName, String dataId, PushOptions o) {
        FxiaokeSettings.Callback cb = settings.callback;
        requireCallbackUrl(cb.url);
        return sender.deliver("change:" + eventType, exchange(eventType, apiName, dataId, o, cb), cb.replyTimeoutMs,
                cb.retryDelaysMs);
    }

    private CallbackSender.Exchange exchange(String eventType, String apiName, String dataId, PushOptions o,
                                             FxiaokeSettings.Callback cb) {
        String messageId = o.messageId() != null ? o.messageId() : WxCallbackCrypto.randomAlphanumeric(33).toUpperCase();
        long eventTime = clock.millis();
        String plaintext;
        if (o.plaintext() != null) {
            plaintext = o.plaintext();
        } else {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("tenantId", cb.tenantId);
            event.put("eventType", eventType);
            event.put("apiName", apiName);
            event.put("dataId", dataId);
            event.put("timestamp", eventTime);
            event.put("messageId", messageId);
            plaintext = toJson(event);
        }
        String encryptKey = o.aesKeyOverride() != null ? o.aesKeyOverride() : cb.aesKey;
        return new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                long ts = o.timestamp() != null ? o.timestamp() : clock.millis();
                String nonce = o.nonce() != null ? o.nonce() : WxCallbackCrypto.randomAlphanumeric(16);
                Integer retryTimes = o.firstRetryTimes() != null ? Integer.valueOf(o.firstRetryTimes() + attempt - 1)
                        : attempt == 1 ? null : Integer.valueOf(attempt - 1);
                String encrypted = aesEncrypt(plaintext, encryptKey);
                String signature = sha1Hex(ts + nonce + messageId + (retryTimes == null ? "" : retryTimes)
                        + cb.enterpriseAccount + encrypted + cb.aesKey);
                if (o.tamperSignature()) {
                    signature = flipLastHexDigit(signature);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("signature", signature);
                body.put("timestamp", ts);
                body.put("nonce", nonce);
                body.put("messageId", messageId);
                if (retryTimes != null) {
                    body.put("retryTimes", retryTimes);
                }
                body.put("enterpriseAccount", cb.enterpriseAccount);
                body.put("encryptedContent", encrypted);
                return new CallbackSender.Outgoing("POST", URI.create(cb.url),
                        Map.of("Content-Type", "application/json;charset=UTF-8"), toJson(body));
            }

            @Override
            public String verify(int status, String replyBody, int attempt) {
                return verifyReply(status, replyBody, cb.aesKey);
            }
        };
    }

    /** Null when the reply is {timestamp, nonce, encryptedResult = enc("success"), signature} correctly signed. */
    static String verifyReply(int status, String body, String aesKey) {
        if (status != 200) {
            return "HTTP " + status;
        }
        JsonNode r = parseJsonOrNull(body);
        if (r == null || !r.isObject()) {
            return "reply is not JSON";
        }
        for (String f : List.of("timestamp", "nonce", "encryptedResult", "signature")) {
            if (!r.hasNonNull(f)) {
                return "reply lacks " + f;
            }
        }
        String expected = sha1Hex(r.get("timestamp").asText() + r.get("nonce").asText() + r.get("encryptedResult").asText() + aesKey);
        if (!expected.equals(r.get("signature").asText())) {
            return "reply signature mismatch";
        }
        String result;
        try {
            result = aesDecrypt(r.get("encryptedResult").asText(), aesKey);
        } catch (RuntimeException e) {
            return "reply does not decrypt";
        }
        return "success".equals(result) ? null : "decrypted reply is '" + result + "', not 'success'";
    }

    /** AES-256-CBC with standard 16-byte PKCS5 padding, key = Base64-decoded aesKey, IV = key[0..16). */
    public static String aesEncrypt(String plaintext, String aesKey) {
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, aesKey)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("encrypt error", e);
        }
    }

    public static String aesDecrypt(String base64, String aesKey) {
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, aesKey).doFinal(Base64.getDecoder().decode(base64)),
                    StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("decrypt error", e);
        }
    }

    private static Cipher cipher(int mode, String aesKey) throws Exception {
        byte[] key = Base64.getDecoder().decode(aesKey);
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return c;
    }

    public static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ own admin paths

    /** {@code customObjects} in a posted config adds to the object list, which is state rather than a setting. */
    @Override
    protected void mergeSettings(byte[] partialJson) throws Exception {
        ObjectNode b = (ObjectNode) json.readTree(partialJson);
        JsonNode extra = b.remove("customObjects");
        if (extra != null) {
            extra.forEach(o -> customObjects.add(o.asText()));
        }
        json.readerForUpdating(settings).readValue(b);
    }

    @Override
    protected MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception {
        switch (subPath) {
            case "callback/push" -> {
                JsonNode b = json.readTree(req.body());
                PushOptions o = new PushOptions(b.path("plaintext").asText(null),
                        b.hasNonNull("timestamp") ? b.get("timestamp").asLong() : null, b.path("nonce").asText(null),
                        b.path("messageId").asText(null),
                        b.hasNonNull("retryTimes") ? b.get("retryTimes").asInt() : null,
                        b.path("tamperSignature").asBoolean(false), b.path("aesKey").asText(null));
                return MockResponse.json(200, toJson(pushChange(b.path("eventType").asText("update"),
                        b.path("apiName").asText("AccountObj"), b.path("dataId").asText(""), o)));
            }
            default -> {
                return null;
            }
        }
    }
}
