package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.support.ExpiringTokens;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * Yonyou YonBIP / YonSuite OpenAPI stand-in (erp-apis.md §3, §4.4): gateway discovery, the signed self-built-app
 * token (old and {@code base/v1} paths, tokens containing {@code + / =}), the gateway's 3100xx codes,
 * {@code othoutrecord/single/save} de-duplicated by {@code resubmitCheckKey}, {@code batchaudit} (HTTP 200,
 * {@code code "200"} even with {@code failCount > 0}) which deducts stock, {@code QueryCurrentStocksByCondition}
 * ({@code data} a bare array) and master-data list/detail. The gateway lives under {@code /iuap-api-gateway},
 * the token service under {@code /iuap-api-auth}; both prefixes are optional.
 *
 * <p>Own admin paths under {@code /mock-admin/yonbip/}: {@code config} (GET/POST),
 * {@code documents?resubmitCheckKey=&code=}, {@code stock?product=&warehouse=} (GET; POST
 * {@code {"product","warehouse","qty"}}), {@code expire-tokens}.
 */
public final class YonBipMock extends HttpMock {

    static final String GATEWAY = "/iuap-api-gateway";
    static final String AUTH = "/iuap-api-auth";
    private static final Set<String> APIS = Set.of(
            "POST /yonbip/scm/othoutrecord/single/save", "POST /yonbip/scm/othoutrecord/batchaudit",
            "GET /yonbip/scm/othoutrecord/detail", "POST /yonbip/scm/othoutrecord/list",
            "POST /yonbip/scm/stock/QueryCurrentStocksByCondition",
            "POST /yonbip/digitalModel/merchant/list", "GET /yonbip/digitalModel/merchant/detail",
            "POST /yonbip/digitalModel/product/list", "GET /yonbip/digitalModel/product/detail",
            "POST /yonbip/digitalModel/warehouse/list", "GET /yonbip/digitalModel/warehouse/detail");
    private static final DateTimeFormatter PUBTS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Object lock = new Object();
    private volatile YonBipConfig config = new YonBipConfig();
    private final ExpiringTokens tokens = new ExpiringTokens();
    private final List<ObjectNode> documents = new ArrayList<>();
    private final Map<String, ObjectNode> byResubmitKey = new LinkedHashMap<>();
    private final StockLedger stock = new StockLedger();
    private final Map<String, ObjectNode> products = new LinkedHashMap<>();
    private final Map<String, ObjectNode> warehouses = new LinkedHashMap<>();
    private final Map<String, ObjectNode> merchants = new LinkedHashMap<>();
    private final Map<String, Deque<Instant>> callTimes = new LinkedHashMap<>();
    private long ids = 1790000000000000L;
    private int tokenCalls;
    private int rateLimited;

    @Override
    public String name() {
        return "yonbip";
    }

    @Override
    public int defaultPort() {
        return 18083;
    }

    // ------------------------------------------------------------------ typed views

    public YonBipConfig config() {
        return config;
    }

    /** Saved other-outbound documents with this resubmitCheckKey (at most one). */
    public List<Map<String, Object>> documentsByResubmitKey(String key) {
        synchronized (lock) {
            return documents.stream().filter(d -> key.equals(d.path("resubmitCheckKey").asText(null)))
                    .map(this::asMap).toList();
        }
    }

    public int documentCount() {
        synchronized (lock) {
            return documents.size();
        }
    }

    /** Current quantity of a product code in a warehouse code. */
    public BigDecimal stock(String productCode, String warehouseCode) {
        synchronized (lock) {
            return stock.quantity(productCode, warehouseCode);
        }
    }

    /** Sets the current quantity of a product code in a warehouse code, as a stock count in YonBIP would. */
    public void setStock(String productCode, String warehouseCode, BigDecimal qty) {
        synchronized (lock) {
            stock.set(productCode, warehouseCode, qty);
        }
    }

    public int tokenCalls() {
        synchronized (lock) {
            return tokenCalls;
        }
    }

    /** Access tokens the gateway still accepts now (0 right after {@link #expireAllTokens()}). */
    public int liveTokenCount() {
        synchronized (lock) {
            return tokens.liveCount(now());
        }
    }

    public void expireAllTokens() {
        synchronized (lock) {
            tokens.expireAll();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(JsonNode n) {
        return json.convertValue(n, Map.class);
    }

    // ------------------------------------------------------------------ HttpMock contract

    @Override
    protected String operationOf(MockRequest request) {
        String p = strip(request.path());
        if (p.contains("getAccessToken")) {
            return "getAccessToken";
        }
        int i = p.indexOf("/yonbip/");
        return i >= 0 ? p.substring(i + "/yonbip/".length()) : null;
    }

    @Override
    protected void seed(JsonNode data) {
        synchronized (lock) {
            Map<String, String> whByCode = new LinkedHashMap<>();
            for (JsonNode w : data.path("warehouses")) {
                String code = w.path("yonbipCode").asText(w.path("code").asText());
                whByCode.put(w.path("code").asText(), code);
                ObjectNode o = json.createObjectNode().put("id", String.valueOf(++ids)).put("code", code)
                        .put("name", w.path("name").asText());
                warehouses.put(code, o);
            }
            for (JsonNode p : data.path("parts")) {
                String code = p.path("yonbipCode").asText(p.path("sku").asText());
                ObjectNode o = json.createObjectNode().put("id", String.valueOf(++ids)).put("code", code)
                        .put("name", p.path("name").asText()).put("modelDescription", p.path("spec").asText())
                        .put("unitName", p.path("unit").asText());
                products.put(code, o);
                p.path("stock").fields().forEachRemaining(e -> stock.set(code,
                        whByCode.getOrDefault(e.getKey(), e.getKey()), e.getValue().decimalValue()));
            }
            for (JsonNode c : data.path("customers")) {
                String code = c.path("yonbipCode").asText(c.path("id").asText());
                merchants.put(code, json.createObjectNode().put("id", String.valueOf(++ids)).put("code", code)
                        .put("name", c.path("name").asText()));
            }
            JsonNode own = data.path(name());
            if (own.has("config")) {
                try {
                    json.readerForUpdating(config).readValue(own.get("config"));
                } catch (Exception e) {
                    throw new IllegalArgumentException("bad yonbip.config in seed data: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    protected void clearState() {
        synchronized (lock) {
            config = new YonBipConfig();
            tokens.clear();
            documents.clear();
            byResubmitKey.clear();
            stock.clear();
            products.clear();
            warehouses.clear();
            merchants.clear();
            callTimes.clear();
            ids = 1790000000000000L;
            tokenCalls = 0;
            rateLimited = 0;
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", documents.stream().map(this::asMap).toList());
            s.put("stock", stock.view());
            s.put("tokenCalls", tokenCalls);
            s.put("rateLimited", rateLimited);
            s.put("config", json.convertValue(config, Map.class));
            return s;
        }
    }

    @Override
    protected MockResponse handleAdmin(String subPath, MockRequest req) {
        if (!subPath.startsWith("yonbip/")) {
            return null;
        }
        try {
            synchronized (lock) {
                switch (subPath.substring("yonbip/".length())) {
                    case "config" -> {
                        if ("POST".equals(req.method())) {
                            json.readerForUpdating(config).readValue(req.body());
                        }
                        return MockResponse.json(200, toJson(config));
                    }
                    case "documents" -> {
                        String key = req.query().get("resubmitCheckKey");
                        String code = req.query().get("code");
                        return MockResponse.json(200, toJson(documents.stream()
                                .filter(d -> key == null || key.equals(d.path("resubmitCheckKey").asText(null)))
                                .filter(d -> code == null || code.equals(d.path("code").asText())).toList()));
                    }
                    case "stock" -> {
                        if ("POST".equals(req.method())) {
                            JsonNode b = json.readTree(req.body());
                            stock.set(b.path("product").asText(), b.path("warehouse").asText(),
                                    b.path("qty").decimalValue());
                        }
                        String p = req.query().get("product");
                        String w = req.query().get("warehouse");
                        if (p != null && w != null) {
                            return MockResponse.json(200, toJson(Map.of("product", p, "warehouse", w,
                                    "qty", stock.quantity(p, w))));
                        }
                        return MockResponse.json(200, toJson(stock.view()));
                    }
                    case "expire-tokens" -> {
                        int n = tokens.expireAll();
                        return MockResponse.json(200, toJson(Map.of("expired", n)));
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

    // ------------------------------------------------------------------ answers

    private ObjectNode envelope(String code, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    private MockResponse answer(int status, ObjectNode body) {
        return MockResponse.json(status, body.toString());
    }

    private MockResponse ok(JsonNode data) {
        ObjectNode o = envelope("200", "操作成功");
        o.set("data", data);
        return answer(200, o);
    }

    private MockResponse fail(String code, String message) {
        return answer(200, envelope(code, message));
    }

    private static String strip(String path) {
        for (String prefix : List.of(GATEWAY, AUTH)) {
            if (path.startsWith(prefix + "/")) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    protected MockResponse handle(MockRequest req) {
        synchronized (lock) {
            String path = strip(req.path());
            Map<String, String> q = req.query();
            if (path.equals("/open-auth/dataCenter/getGatewayAddress")) {
                if (!config.getTenantId().equals(q.get("tenantId"))) {
                    return fail("500", "根据租户id获取网关地址出现异常");
                }
                ObjectNode o = envelope("00000", "成功");
                o.putObject("data").put("gatewayUrl", baseUrl() + GATEWAY).put("tokenUrl", baseUrl() + AUTH);
                o.remove("message");
                return answer(200, o);
            }
            if (path.equals("/open-auth/selfAppAuth/getAccessToken")
                    || path.equals("/open-auth/selfAppAuth/base/v1/getAccessToken")) {
                return token(q);
            }
            String api = req.method() + " " + path;
            if (!APIS.contains(api)) {
                // checked before the token, as the gateway does [O]
                return answer(404, envelope("310404", "网关上没有注册此API[" + path + "]，请确认后重新调用"));
            }
            String token = q.get("access_token");
            if (token == null || token.isEmpty()) {
                return fail("310001", "access_token不能为空。");
            }
            if (!tokens.isLive(token, now())) {
                return config.getPlainTextInvalidTokenPaths().contains(path)
                        ? MockResponse.text(200, "text/plain;charset=utf-8", "非法token")
                        : fail("310036", "非法token");
            }
            MockResponse limited = rateLimit(path);
            if (limited != null) {
                return limited;
            }
            try {
                JsonNode body = "POST".equals(req.method()) && req.body().length > 0 ? json.readTree(req.body())
                        : json.createObjectNode();
                return switch (path) {
                    case "/yonbip/scm/othoutrecord/single/save" -> save(body.path("data"));
                    case "/yonbip/scm/othoutrecord/batchaudit" -> batchAudit(body.path("data"));
                    case "/yonbip/scm/othoutrecord/detail" -> findDoc(q.get("id")).map(d -> ok(d))
                            .orElseGet(() -> fail("1002", "数据不存在"));
                    case "/yonbip/scm/othoutrecord/list" -> list(new ArrayList<>(documents), body);
                    case "/yonbip/scm/stock/QueryCurrentStocksByCondition" -> currentStock(body);
                    case "/yonbip/digitalModel/merchant/list" -> list(new ArrayList<>(merchants.values()), body);
                    case "/yonbip/digitalModel/product/list" -> list(new ArrayList<>(products.values()), body);
                    case "/yonbip/digitalModel/warehouse/list" -> list(new ArrayList<>(warehouses.values()), body);
                    case "/yonbip/digitalModel/merchant/detail" -> detail(merchants, q.get("id"));
                    case "/yonbip/digitalModel/product/detail" -> detail(products, q.get("id"));
                    case "/yonbip/digitalModel/warehouse/detail" -> detail(warehouses, q.get("id"));
                    default -> fail("999", "系统异常");
                };
            } catch (Exception e) {
                return fail("999", "系统异常：" + e.getMessage());
            }
        }
    }

    private MockResponse rateLimit(String path) {
        if (config.getRateLimitPerMinute() <= 0) {
            return null;
        }
        Deque<Instant> times = callTimes.computeIfAbsent(path, k -> new ArrayDeque<>());
        Instant cutoff = now().minus(Duration.ofMinutes(1));
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.pollFirst();
        }
        if (times.size() >= config.getRateLimitPerMinute()) {
            rateLimited++;
            return config.isRateLimitAs999() ? fail("999", "操作过于频繁，请稍后重试")
                    : answer(429, envelope("310046", "API被限流"));
        }
        times.addLast(now());
        return null;
    }

    // ------------------------------------------------------------------ token

    static String sign(String appKey, String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal(("appKey" + appKey + "timestamp" + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(raw); // base64 of the RAW digest, unlike Kingdee
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse token(Map<String, String> q) {
        tokenCalls++;
        String appKey = q.get("appKey");
        if (!config.getAppKey().equals(appKey)) {
            return fail("10018", "应用不存在或appKey已停用");
        }
        String ts = q.getOrDefault("timestamp", "");
        String given = q.getOrDefault("signature", "");
        String expected = sign(appKey, ts, config.getAppSecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return fail(config.getBadSignatureCode(), "签名不正确");
        }
        // new-style tokens are long and carry '+', '/' and '=': a client that does not URL-encode them breaks
        byte[] rnd = new byte[25];
        RANDOM.nextBytes(rnd);
        String b64 = Base64.getEncoder().encodeToString(rnd);
        String token = b64.substring(0, 12) + "+" + b64.substring(12, 24) + "/" + b64.substring(24);
        tokens.issue(token, now().plusSeconds(config.getTokenLifetimeSeconds()));
        ObjectNode o = envelope("00000", "成功！");
        o.putObject("data").put("access_token", token).put("expire", 7200);
        return answer(200, o);
    }

    // ------------------------------------------------------------------ other outbound

    private Optional<ObjectNode> findDoc(String id) {
        return documents.stream().filter(d -> d.path("id").asText().equals(id)).findFirst();
    }

    /** A reference given as id or code; returns the code, or null when unknown. */
    private static String codeOf(Map<String, ObjectNode> data, JsonNode ref) {
        String v = ref.isObject() ? ref.path("code").asText(ref.path("id").asText()) : ref.asText("");
        if (data.containsKey(v)) {
            return v;
        }
        return data.values().stream().filter(o -> o.path("id").asText().equals(v)).map(o -> o.path("code").asText())
                .findFirst().orElse(null);
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private MockResponse save(JsonNode data) {
        if (!data.isObject()) {
            return fail("999", "参数data不能为空");
        }
        String key = data.path("resubmitCheckKey").asText("");
        if (key.length() > 32) {
            return fail("999", "resubmitCheckKey长度不能超过32位"); // [I] the documented limit, text unknown
        }
        if (!key.isEmpty() && byResubmitKey.containsKey(key)) {
            if (config.getResubmitPolicy() == YonBipConfig.ResubmitPolicy.ERROR) {
                return fail("999", "请勿重复提交，resubmitCheckKey[" + key + "]已被使用"); // [I]
            }
            return ok(byResubmitKey.get(key).deepCopy());
        }
        String status = data.path("_status").asText("Insert");
        for (String required : List.of("org", "vouchdate", "bustype", "warehouse")) {
            if (data.path(required).asText("").isBlank() && !data.path(required).isObject()) {
                return fail("999", "字段[" + required + "]不能为空"); // [I]
            }
        }
        String wh = codeOf(warehouses, data.path("warehouse"));
        if (wh == null) {
            return fail("999", "仓库[" + data.path("warehouse").asText() + "]不存在"); // [I]
        }
        JsonNode lines = data.path("othOutRecords");
        if (!lines.isArray() || lines.isEmpty()) {
            return fail("999", "表体othOutRecords不能为空"); // [I]
        }
        ArrayNode rows = json.createArrayNode();
        int n = 0;
        for (JsonNode l : lines) {
            n++;
            String product = codeOf(products, l.path("product"));
            BigDecimal qty = decimal(l.path("qty"));
            if (product == null) {
                return fail("999", "第" + n + "行物料[" + l.path("product").asText() + "]不存在"); // [I]
            }
            if (qty == null || qty.signum() <= 0) {
                return fail("999", "第" + n + "行数量必须大于0"); // [I]
            }
            ObjectNode r = rows.addObject();
            r.put("id", String.valueOf(++ids));
            r.put("product", products.get(product).path("id").asText());
            r.put("product_code", product);
            r.put("qty", qty);
            r.put("unit", l.path("unit").asText(products.get(product).path("unitName").asText()));
            r.put("memo", l.path("memo").asText(""));
        }
        ObjectNode doc;
        if ("Update".equalsIgnoreCase(status)) {
            Optional<ObjectNode> found = findDoc(data.path("id").asText());
            if (found.isEmpty()) {
                return fail("1002", "数据不存在");
            }
            doc = found.get();
            if (doc.path("audited").asBoolean()) {
                return fail("999", "单据[" + doc.path("code").asText() + "]已审核，不能修改"); // [I]
            }
        } else {
            doc = json.createObjectNode();
            doc.put("id", String.valueOf(++ids));
            doc.put("code", data.path("code").asText("").isBlank()
                    ? String.format("QTCK%s%04d", PUBTS.format(now()).substring(0, 10).replace("-", ""), documents.size() + 1)
                    : data.path("code").asText());
            documents.add(doc);
        }
        doc.put("status", config.getSavedStatus());
        doc.put("org", data.path("org").asText());
        doc.put("accountOrg", data.path("accountOrg").asText(data.path("org").asText()));
        doc.put("vouchdate", data.path("vouchdate").asText());
        doc.put("bustype", data.path("bustype").asText());
        doc.put("warehouse", warehouses.get(wh).path("id").asText());
        doc.put("warehouse_code", wh);
        doc.put("memo", data.path("memo").asText(""));
        if (!key.isEmpty()) {
            doc.put("resubmitCheckKey", key);
        }
        for (String trace : List.of("out_sys_id", "out_sys_code", "out_sys_type")) {
            if (data.has(trace)) {
                doc.put(trace, data.path(trace).asText());
            }
        }
        doc.set("othOutRecords", rows);
        doc.put("audited", false);
        doc.put("pubts", PUBTS.format(now()));
        if (!key.isEmpty()) {
            byResubmitKey.put(key, doc.deepCopy());
        }
        return ok(doc.deepCopy());
    }

    private MockResponse batchAudit(JsonNode data) {
        ArrayNode infos = json.createArrayNode();
        ArrayNode failInfos = json.createArrayNode();
        ArrayNode messages = json.createArrayNode();
        int count = 0;
        for (JsonNode item : data.isArray() ? data : json.createArrayNode().add(data)) {
            count++;
            String id = item.path("id").asText();
            Optional<ObjectNode> doc = findDoc(id);
            String problem = null;
            if (doc.isEmpty()) {
                problem = "单据[" + id + "]不存在";
            } else if (doc.get().path("audited").asBoolean()) {
                problem = "单据[" + doc.get().path("code").asText() + "]已审核"; // [I]
            } else if (!config.isAllowNegativeStock()) {
                problem = shortage(doc.get());
            }
            if (problem != null) {
                failInfos.addObject().put("id", id).put("message", problem);
                messages.add(problem);
                continue;
            }
            ObjectNode d = doc.get();
            String wh = d.path("warehouse_code").asText();
            for (JsonNode r : d.path("othOutRecords")) {
                stock.add(r.path("product_code").asText(), wh, r.path("qty").decimalValue().negate());
            }
            d.put("audited", true);
            d.put("status", 3); // [I] audited
            d.put("pubts", PUBTS.format(now()));
            infos.add(d.deepCopy());
        }
        ObjectNode out = json.createObjectNode();
        out.put("count", count);
        out.put("sucessCount", infos.size()); // sic, as the platform spells it
        out.put("failCount", failInfos.size());
        out.set("messages", messages);
        out.set("infos", infos);
        out.set("failInfos", failInfos);
        return ok(out);
    }

    private String shortage(ObjectNode doc) {
        String wh = doc.path("warehouse_code").asText();
        Map<String, BigDecimal> need = new LinkedHashMap<>();
        doc.path("othOutRecords").forEach(r -> need.merge(r.path("product_code").asText(), r.path("qty").decimalValue(),
                BigDecimal::add));
        for (var e : need.entrySet()) {
            BigDecimal have = stock.quantity(e.getKey(), wh);
            if (have.compareTo(e.getValue()) < 0) {
                return "物料[" + e.getKey() + "]在仓库[" + wh + "]现存量不足，可用量" + have.toPlainString(); // [gap]
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ reads

    private static Set<String> values(JsonNode n) {
        Set<String> out = new TreeSet<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode() && !n.isNull() && !n.asText().isBlank()) {
            out.add(n.asText());
        }
        return out;
    }

    private MockResponse currentStock(JsonNode body) {
        Set<String> whFilter = new TreeSet<>(values(body.path("warehouse")));
        whFilter.addAll(values(body.path("warehouse.code")));
        Set<String> productFilter = new TreeSet<>(values(body.path("product")));
        productFilter.addAll(values(body.path("productn.code")));
        productFilter.addAll(values(body.path("product.code")));
        ArrayNode out = json.createArrayNode();
        stock.view().forEach((product, byWh) -> byWh.forEach((wh, qty) -> {
            ObjectNode p = products.get(product);
            ObjectNode w = warehouses.get(wh);
            String pid = p == null ? "" : p.path("id").asText();
            String wid = w == null ? "" : w.path("id").asText();
            if (!productFilter.isEmpty() && !productFilter.contains(product) && !productFilter.contains(pid)) {
                return;
            }
            if (!whFilter.isEmpty() && !whFilter.contains(wh) && !whFilter.contains(wid)) {
                return;
            }
            ObjectNode r = out.addObject();
            r.put("org", "ORG001");
            r.put("warehouse", wid);
            r.put("warehouse_code", wh);
            r.put("warehouse_name", w == null ? "" : w.path("name").asText());
            r.put("product", pid);
            r.put("product_code", product);
            r.put("product_name", p == null ? "" : p.path("name").asText());
            r.putNull("productsku");
            r.put("unit", p == null ? "" : p.path("unitName").asText());
            r.put("currentqty", qty);
            r.put("innoticeqty", BigDecimal.ZERO);
            r.put("planavailableqty", qty);
            r.put("availableqty", qty);
            r.put("preretailqty", BigDecimal.ZERO);
            r.putNull("stockStatusDoc");
            r.put("invStockExchRate", 1);
            r.put("currentStockSubQty", qty);
        }));
        return ok(out); // a bare array, not data.recordList
    }

    private MockResponse list(List<ObjectNode> all, JsonNode body) {
        int pageIndex = Math.max(1, body.path("pageIndex").asInt(1));
        int pageSize = Math.max(1, body.path("pageSize").asInt(10));
        String code = body.path("code").asText("");
        List<ObjectNode> rows = all.stream().filter(o -> code.isBlank() || o.path("code").asText().equals(code)).toList();
        ObjectNode data = json.createObjectNode();
        data.put("pageIndex", pageIndex);
        data.put("pageSize", pageSize);
        data.put("recordCount", rows.size());
        data.put("pageCount", (rows.size() + pageSize - 1) / pageSize);
        ArrayNode list = data.putArray("recordList");
        int from = Math.min(rows.size(), (pageIndex - 1) * pageSize);
        rows.subList(from, Math.min(rows.size(), from + pageSize)).forEach(r -> list.add(r.deepCopy()));
        return ok(data);
    }

    private MockResponse detail(Map<String, ObjectNode> data, String id) {
        return data.values().stream().filter(o -> o.path("id").asText().equals(id)).findFirst()
                .map(o -> ok(o.deepCopy())).orElseGet(() -> fail("1002", "数据不存在"));
    }
}
