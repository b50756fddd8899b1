package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aftersaleshub.mock.support.ExpiringTokens;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * Yonyou U8 OpenAPI stand-in (erp-apis.md §2, §4.3): {@code /system/token}, {@code /system/tradeid},
 * {@code /api/otherout|materialout/add} (sync and async with {@code url} + {@code ping_after}, de-duplicated by
 * {@code biz_id} / {@code tradeid}), {@code /result?requestid=}, {@code /api/<resource>/audit} (approver must have
 * called {@code user/login_v2}), {@code currentstock/batch_get}, {@code customer|inventory/get|batch_get}.
 * Codes are strings ({@code errcode:"0"}); business errors are HTTP 200.
 *
 * <p>Own admin paths under {@code /mock-admin/u8/}: {@code config} (GET/POST), {@code documents?biz_id=&tradeid=},
 * {@code stock?invcode=&whcode=} (GET; POST {@code {"invcode","whcode","qty"}}), {@code expire-tokens}.
 */
public final class U8Mock extends HttpMock {

    private final Object lock = new Object();
    private volatile U8Config config = new U8Config();
    private final ExpiringTokens tokens = new ExpiringTokens();
    private final Set<String> tradeIds = new HashSet<>();
    private final List<Document> documents = new ArrayList<>();
    private final Map<String, Document> byDedupKey = new LinkedHashMap<>();
    private final Map<String, PendingResult> results = new LinkedHashMap<>();
    private final Set<String> loggedInApprovers = new HashSet<>();
    /** invcode -> whcode -> quantity. */
    private final StockLedger stock = new StockLedger();
    private final Map<String, Map<String, String>> warehouses = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> inventories = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> customers = new LinkedHashMap<>();
    private int tokenCalls;
    private int tradeidCalls;
    private long voucherSeq;

    /** One added voucher. */
    private static final class Document {
        String resource;
        String id;
        String code;
        String bizId;
        String tradeId;
        String warehouseCode;
        String receiveCode;
        boolean audited;
        JsonNode body;
        List<Map<String, Object>> entries = new ArrayList<>();
        Instant created;
        /** The final answer for this document, replayed for a repeated biz_id / tradeid. */
        ObjectNode result;

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resource", resource);
            m.put("id", id);
            m.put("code", code);
            m.put("biz_id", bizId);
            m.put("tradeid", tradeId);
            m.put("warehousecode", warehouseCode);
            m.put("receivecode", receiveCode);
            m.put("audited", audited);
            m.put("entries", entries);
            m.put("created", created.toString());
            return m;
        }
    }

    private static final class PendingResult {
        int pollsLeft;
        final ObjectNode body;

        PendingResult(int pollsLeft, ObjectNode body) {
            this.pollsLeft = pollsLeft;
            this.body = body;
        }
    }

    @Override
    public String name() {
        return "u8";
    }

    @Override
    public int defaultPort() {
        return 18082;
    }

    // ------------------------------------------------------------------ typed views for tests

    public U8Config config() {
        return config;
    }

    /** Vouchers created with this biz_id (at most one, whatever the retries). */
    public List<Map<String, Object>> documentsByBizId(String bizId) {
        synchronized (lock) {
            return documents.stream().filter(d -> bizId.equals(d.bizId)).map(Document::toMap).toList();
        }
    }

    public List<Map<String, Object>> documentsByTradeId(String tradeId) {
        synchronized (lock) {
            return documents.stream().filter(d -> tradeId.equals(d.tradeId)).map(Document::toMap).toList();
        }
    }

    public int documentCount(String resource) {
        synchronized (lock) {
            return (int) documents.stream().filter(d -> d.resource.equals(resource)).count();
        }
    }

    /** On-hand quantity of an inventory code in a warehouse code. */
    public BigDecimal stock(String invcode, String whcode) {
        synchronized (lock) {
            return stock.quantity(invcode, whcode);
        }
    }

    /** Sets the on-hand quantity of an inventory code in a warehouse code, as a stock count in U8 would. */
    public void setStock(String invcode, String whcode, BigDecimal qty) {
        synchronized (lock) {
            stock.set(invcode, whcode, qty);
        }
    }

    public int tokenCalls() {
        synchronized (lock) {
            return tokenCalls;
        }
    }

    /** Tokens that U8 still accepts now (0 right after {@link #expireAllTokens()}). */
    public int liveTokenCount() {
        synchronized (lock) {
            return tokens.liveCount(now());
        }
    }

    public int tradeidCalls() {
        synchronized (lock) {
            return tradeidCalls;
        }
    }

    /** Every issued token stops working now. */
    public void expireAllTokens() {
        synchronized (lock) {
            tokens.expireAll();
        }
    }

    // ------------------------------------------------------------------ HttpMock contract

    @Override
    protected String operationOf(MockRequest request) {
        String p = request.path();
        if (p.startsWith("/api/")) {
            return p.substring("/api/".length());
        }
        return p.startsWith("/system/") ? p.substring(1) : p.equals("/result") ? "result" : null;
    }

    @Override
    protected void seed(JsonNode data) {
        synchronized (lock) {
            Map<String, String> whByCode = new LinkedHashMap<>();
            for (JsonNode w : data.path("warehouses")) {
                String code = w.path("u8Code").asText(w.path("code").asText());
                whByCode.put(w.path("code").asText(), code);
                warehouses.put(code, Map.of("code", code, "name", w.path("name").asText()));
            }
            for (JsonNode p : data.path("parts")) {
                String code = p.path("u8Code").asText(p.path("sku").asText());
                Map<String, String> inv = new LinkedHashMap<>();
                inv.put("code", code);
                inv.put("name", p.path("name").asText());
                inv.put("specs", p.path("spec").asText());
                inv.put("main_measure", p.path("unit").asText());
                inv.put("stunit_name", p.path("unit").asText());
                inventories.put(code, inv);
                p.path("stock").fields().forEachRemaining(e -> stock.set(code,
                        whByCode.getOrDefault(e.getKey(), e.getKey()), e.getValue().decimalValue()));
            }
            for (JsonNode c : data.path("customers")) {
                String code = c.path("u8Code").asText(c.path("id").asText());
                Map<String, String> cu = new LinkedHashMap<>();
                cu.put("code", code);
                cu.put("name", c.path("name").asText());
                cu.put("abbrname", c.path("name").asText());
                cu.put("domain_code", c.path("region").asText());
                JsonNode contact = c.path("contacts").path(0);
                cu.put("contact", contact.path("name").asText());
                cu.put("mobile", contact.path("phone").asText());
                customers.put(code, cu);
            }
            JsonNode own = data.path(name());
            if (own.has("config")) {
                try {
                    json.readerForUpdating(config).readValue(own.get("config"));
                } catch (Exception e) {
                    throw new IllegalArgumentException("bad u8.config in seed data: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    protected void clearState() {
        synchronized (lock) {
            config = new U8Config();
            tokens.clear();
            tradeIds.clear();
            documents.clear();
            byDedupKey.clear();
            results.clear();
            loggedInApprovers.clear();
            stock.clear();
            warehouses.clear();
            inventories.clear();
            customers.clear();
            tokenCalls = 0;
            tradeidCalls = 0;
            voucherSeq = 0;
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", documents.stream().map(Document::toMap).toList());
            s.put("stock", stock.view());
            s.put("tokenCalls", tokenCalls);
            s.put("tradeidCalls", tradeidCalls);
            s.put("liveTokens", tokens.liveCount(now()));
            s.put("pendingResults", results.size());
            s.put("approversLoggedIn", new ArrayList<>(loggedInApprovers));
            s.put("config", json.convertValue(config, Map.class));
            return s;
        }
    }

    @Override
    protected MockResponse handleAdmin(String subPath, MockRequest req) {
        if (!subPath.startsWith("u8/")) {
            return null;
        }
        try {
            synchronized (lock) {
                switch (subPath.substring(3)) {
                    case "config" -> {
                        if ("POST".equals(req.method())) {
                            json.readerForUpdating(config).readValue(req.body());
                        }
                        return MockResponse.json(200, toJson(config));
                    }
                    case "documents" -> {
                        String biz = req.query().get("biz_id");
                        String trade = req.query().get("tradeid");
                        return MockResponse.json(200, toJson(documents.stream()
                                .filter(d -> biz == null || biz.equals(d.bizId))
                                .filter(d -> trade == null || trade.equals(d.tradeId)).map(Document::toMap).toList()));
                    }
                    case "stock" -> {
                        if ("POST".equals(req.method())) {
                            JsonNode b = json.readTree(req.body());
                            stock.set(b.path("invcode").asText(), b.path("whcode").asText(),
                                    b.path("qty").decimalValue());
                        }
                        String inv = req.query().get("invcode");
                        String wh = req.query().get("whcode");
                        if (inv != null && wh != null) {
                            return MockResponse.json(200, toJson(Map.of("invcode", inv, "whcode", wh,
                                    "qty", stock.quantity(inv, wh))));
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

    private MockResponse ok(ObjectNode body) {
        return MockResponse.json(200, body.toString());
    }

    private ObjectNode okBody(String errmsg) {
        ObjectNode o = json.createObjectNode();
        o.put("errcode", "0");
        o.put("errmsg", errmsg);
        return o;
    }

    private ObjectNode errorBody(String errcode, String errmsg) {
        ObjectNode o = json.createObjectNode();
        o.put("errcode", errcode);
        o.put("errmsg", errmsg);
        return o;
    }

    private MockResponse error(String errcode, String errmsg) {
        String body = errorBody(errcode, errmsg).toString();
        return config.isErrorsAsHtml() ? MockResponse.text(200, "text/html; charset=utf-8", body)
                : MockResponse.json(200, body);
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    protected MockResponse handle(MockRequest req) {
        synchronized (lock) {
            String p = req.path();
            Map<String, String> q = req.query();
            switch (p) {
                case "/system/token" -> {
                    return token(q);
                }
                case "/system/tradeid" -> {
                    tradeidCalls++;
                    MockResponse denied = checkCaller(q, false);
                    if (denied != null) {
                        return denied;
                    }
                    String id = hex32();
                    tradeIds.add(id);
                    ObjectNode o = okBody("成功");
                    o.putObject("trade").put("id", id);
                    return MockResponse.text(200, "text/html; charset=utf-8", o.toString()); // as documented
                }
                case "/result" -> {
                    return result(q.get("requestid"));
                }
                default -> { }
            }
            if (!p.startsWith("/api/")) {
                return MockResponse.text(404, "text/html", "<html><body>404 Not Found</body></html>");
            }
            MockResponse denied = checkCaller(q, true);
            if (denied != null) {
                return denied;
            }
            String[] parts = p.substring("/api/".length()).split("/");
            if (parts.length != 2) {
                return error(config.getParamErrcode(), "接口不存在：" + p);
            }
            String resource = parts[0];
            String op = parts[1];
            try {
                if ("POST".equals(req.method()) && op.equals("add") && Set.of("otherout", "materialout").contains(resource)) {
                    return add(resource, req);
                }
                if ("POST".equals(req.method()) && op.equals("audit") && Set.of("otherout", "materialout").contains(resource)) {
                    return audit(resource, req);
                }
                if ("POST".equals(req.method()) && resource.equals("user") && op.equals("login_v2")) {
                    return loginV2(req);
                }
                if ("GET".equals(req.method())) {
                    switch (resource + "/" + op) {
                        case "currentstock/batch_get" -> {
                            return currentStock(q);
                        }
                        case "customer/get" -> {
                            return getOne("customer", customers, q.get("id"));
                        }
                        case "inventory/get" -> {
                            return getOne("inventory", inventories, q.get("id"));
                        }
                        case "customer/batch_get" -> {
                            return batch("customer", customers, q);
                        }
                        case "inventory/batch_get" -> {
                            return batch("inventory", inventories, q);
                        }
                        default -> { }
                    }
                }
            } catch (Exception e) {
                return error(config.getParamErrcode(), "请求格式不正确：" + e.getMessage());
            }
            return error(config.getParamErrcode(), "接口不存在：" + p);
        }
    }

    private MockResponse token(Map<String, String> q) {
        tokenCalls++;
        if (!config.getFromAccount().equals(q.get("from_account")) || !config.getAppKey().equals(q.get("app_key"))
                || !config.getAppSecret().equals(q.get("app_secret"))) {
            return error(config.getBadCredentialsErrcode(), "应用不存在或app_secret不正确"); // [I]
        }
        String id = hex32();
        tokens.issue(id, now().plusSeconds(config.getTokenLifetimeSeconds()));
        ObjectNode o = okBody("成功");
        ObjectNode t = o.putObject("token");
        t.put("appKey", config.getAppKey());
        t.put("expiresIn", 7200);
        t.put("id", id);
        return ok(o);
    }

    /** Credentials travel as query parameters on every call. */
    private MockResponse checkCaller(Map<String, String> q, boolean needsToAccount) {
        if (!config.getFromAccount().equals(q.get("from_account")) || !config.getAppKey().equals(q.get("app_key"))) {
            return error(config.getBadCredentialsErrcode(), "from_account或app_key不正确"); // [I]
        }
        if (needsToAccount && !config.getToAccount().equals(q.get("to_account"))) {
            return error(config.getBadCredentialsErrcode(), "to_account不正确或未授权此应用"); // [I]
        }
        String token = q.get("token");
        if (!tokens.isLive(token, now())) {
            return error(config.getTokenErrcode(), "token无效或已过期"); // [I] the real code is not published
        }
        return null;
    }

    // ------------------------------------------------------------------ add / result

    private MockResponse add(String resource, MockRequest req) throws Exception {
        Map<String, String> q = req.query();
        String bizId = blankToNull(q.get("biz_id"));
        String tradeId = blankToNull(q.get("tradeid"));
        if ((bizId == null) == (tradeId == null)) {
            return error(config.getParamErrcode(), "tradeid和biz_id必须且只能传入一个"); // [I]
        }
        if (tradeId != null && !tradeIds.contains(tradeId)) {
            return error(config.getParamErrcode(), "tradeid无效：" + tradeId); // [I]
        }
        boolean sync = "1".equals(q.get("sync"));
        String key = bizId != null ? "biz:" + resource + ":" + bizId : "trade:" + tradeId;
        Document existing = byDedupKey.get(key);
        if (existing != null) {
            if (config.getDuplicatePolicy() == U8Config.DuplicatePolicy.ERROR) {
                return error(config.getDuplicateErrcode(), "重复提交：该单据已经生成，id=" + existing.id); // [I]
            }
            return answer(existing.result.deepCopy(), sync);
        }
        JsonNode body = json.readTree(req.body());
        JsonNode voucher = body.path(resource);
        ObjectNode outcome;
        Document d = null;
        String problem = validate(voucher);
        if (problem != null) {
            outcome = errorBody(config.getValidationErrcode(), problem);
        } else if ((problem = stockProblem(voucher)) != null) {
            outcome = errorBody(config.getNegativeStockErrcode(), problem);
        } else {
            d = commit(resource, voucher, bizId, tradeId);
            outcome = okBody("");
            outcome.put("id", d.id);
            outcome.put("tradeid", tradeId != null ? tradeId : hex32());
            d.result = outcome;
            byDedupKey.put(key, d);
        }
        return answer(outcome, sync);
    }

    /** sync=1: the result inline; sync=0 (default): {@code url} + {@code ping_after}, result after K polls. */
    private MockResponse answer(ObjectNode outcome, boolean sync) {
        if (sync) {
            return "0".equals(outcome.path("errcode").asText()) ? ok(outcome)
                    : error(outcome.path("errcode").asText(), outcome.path("errmsg").asText());
        }
        String requestId = hex32();
        results.put(requestId, new PendingResult(config.getAsyncPollsBeforeResult(), outcome));
        ObjectNode o = okBody("");
        o.put("url", baseUrl() + "/result?requestid=" + requestId);
        o.put("ping_after", config.getPingAfterSeconds());
        return ok(o);
    }

    private MockResponse result(String requestId) {
        PendingResult r = requestId == null ? null : results.get(requestId);
        if (r == null) {
            return error(config.getNotFoundErrcode(), "requestid不存在或已过期"); // [I]
        }
        if (r.pollsLeft > 0) {
            r.pollsLeft--;
            ObjectNode o = okBody("处理中");
            o.put("url", baseUrl() + "/result?requestid=" + requestId);
            o.put("ping_after", config.getPingAfterSeconds());
            return ok(o);
        }
        return "0".equals(r.body.path("errcode").asText()) ? ok(r.body)
                : error(r.body.path("errcode").asText(), r.body.path("errmsg").asText());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private String validate(JsonNode v) {
        if (!v.isObject()) {
            return "请求体缺少单据对象";
        }
        String wh = v.path("warehousecode").asText("");
        if (wh.isBlank()) {
            return "仓库编码warehousecode不能为空";
        }
        if (!warehouses.containsKey(wh)) {
            return "仓库编码[" + wh + "]不存在";
        }
        if (v.path("receivecode").asText("").isBlank()) {
            return "收发类别编码receivecode不能为空";
        }
        JsonNode entries = v.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return "表体entry不能为空";
        }
        int row = 0;
        for (JsonNode e : entries) {
            row++;
            String inv = e.path("inventorycode").asText("");
            if (!inventories.containsKey(inv)) {
                return "第" + row + "行存货编码[" + inv + "]不存在";
            }
            BigDecimal qty = decimal(e.path("quantity"));
            if (qty == null || qty.signum() <= 0) {
                return "第" + row + "行数量必须大于0";
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String stockProblem(JsonNode v) {
        if (config.isAllowNegativeStock()) {
            return null;
        }
        String wh = v.path("warehousecode").asText();
        Map<String, BigDecimal> need = new LinkedHashMap<>();
        v.path("entry").forEach(e -> need.merge(e.path("inventorycode").asText(), decimal(e.path("quantity")), BigDecimal::add));
        for (var e : need.entrySet()) {
            BigDecimal have = stock.quantity(e.getKey(), wh);
            if (have.compareTo(e.getValue()) < 0) {
                return "存货[" + e.getKey() + "]在仓库[" + wh + "]的现存量不足，现存量" + have.toPlainString() + "，出库数量"
                        + e.getValue().toPlainString(); // [gap] real text unknown
            }
        }
        return null;
    }

    private Document commit(String resource, JsonNode v, String bizId, String tradeId) {
        Document d = new Document();
        d.resource = resource;
        d.id = String.valueOf(1000000 + ++voucherSeq);
        d.code = v.path("code").asText("").isBlank() ? String.format("%010d", voucherSeq) : v.path("code").asText();
        d.bizId = bizId;
        d.tradeId = tradeId;
        d.warehouseCode = v.path("warehousecode").asText();
        d.receiveCode = v.path("receivecode").asText();
        d.body = v;
        d.created = now();
        for (JsonNode e : v.path("entry")) {
            String inv = e.path("inventorycode").asText();
            BigDecimal qty = decimal(e.path("quantity"));
            stock.add(inv, d.warehouseCode, qty.negate());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("inventorycode", inv);
            row.put("quantity", qty);
            d.entries.add(row);
        }
        documents.add(d);
        return d;
    }

    // ------------------------------------------------------------------ audit + login_v2

    private MockResponse loginV2(MockRequest req) throws Exception {
        JsonNode b = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
        JsonNode user = b.has("user") ? b.get("user") : b;
        String who = firstText(user, "user_id", "person_code", "userid");
        if (who == null) {
            who = req.query().get("user_id");
        }
        if (who == null) {
            return error(config.getParamErrcode(), "user_id不能为空");
        }
        loggedInApprovers.add(who);
        return ok(okBody("成功"));
    }

    private MockResponse audit(String resource, MockRequest req) throws Exception {
        JsonNode v = json.readTree(req.body()).path(resource);
        String code = v.path("voucher_code").asText("");
        String approver = firstText(v, "user_id", "person_code");
        if (approver == null || !loggedInApprovers.contains(approver)) {
            return error(config.getAuditLoginErrcode(), "审核人[" + approver + "]未通过user/login_v2授权登录ERP"); // [I]
        }
        Optional<Document> d = documents.stream().filter(x -> x.resource.equals(resource)
                && (x.code.equals(code) || x.id.equals(code))).findFirst();
        if (d.isEmpty()) {
            return error(config.getNotFoundErrcode(), "单据[" + code + "]不存在");
        }
        if (d.get().audited) {
            return error(config.getValidationErrcode(), "单据[" + code + "]已审核"); // [I]
        }
        d.get().audited = true;
        return ok(okBody(""));
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            if (n.hasNonNull(k) && !n.get(k).asText().isBlank()) {
                return n.get(k).asText();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ reads

    private MockResponse currentStock(Map<String, String> q) {
        List<Map<String, Object>> rows = new ArrayList<>();
        stock.view().forEach((inv, byWh) -> byWh.forEach((wh, qty) -> {
            Map<String, String> item = inventories.getOrDefault(inv, Map.of());
            Map<String, String> w = warehouses.getOrDefault(wh, Map.of());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("whcode", wh);
            r.put("whname", w.getOrDefault("name", ""));
            r.put("invcode", inv);
            r.put("invname", item.getOrDefault("name", ""));
            r.put("invstd", item.getOrDefault("specs", ""));
            r.put("batch", "");
            r.put("qty", qty);
            r.put("stopqty", BigDecimal.ZERO);
            r.put("inqty", BigDecimal.ZERO);
            r.put("outqty", BigDecimal.ZERO);
            r.put("availqty", qty);
            rows.add(r);
        }));
        Predicate<Map<String, Object>> f = range(q, "whcode", "whcode_begin", "whcode_end")
                .and(range(q, "invcode", "invcode_begin", "invcode_end"))
                .and(contains(q, "whname", "whname")).and(contains(q, "invname", "invname"));
        return page("currentstock", rows.stream().filter(f).toList(), q);
    }

    private static Predicate<Map<String, Object>> range(Map<String, String> q, String field, String begin, String end) {
        String b = blankToNull(q.get(begin));
        String e = blankToNull(q.get(end));
        return r -> (b == null || String.valueOf(r.get(field)).compareTo(b) >= 0)
                && (e == null || String.valueOf(r.get(field)).compareTo(e) <= 0);
    }

    private static Predicate<Map<String, Object>> contains(Map<String, String> q, String field, String param) {
        String v = blankToNull(q.get(param));
        return r -> v == null || String.valueOf(r.get(field)).contains(v);
    }

    /** The list under {@code key} with string-typed paging fields. */
    private MockResponse page(String key, List<Map<String, Object>> all, Map<String, String> q) {
        int index = Math.max(1, parseInt(q.get("page_index"), 1));
        int size = Math.max(1, parseInt(q.get("rows_per_page"), 20));
        int from = Math.min(all.size(), (index - 1) * size);
        int to = Math.min(all.size(), from + size);
        ObjectNode o = okBody("");
        o.put("page_index", String.valueOf(index));
        o.put("rows_per_page", String.valueOf(size));
        o.put("row_count", String.valueOf(all.size()));
        o.put("page_count", String.valueOf((all.size() + size - 1) / size));
        ArrayNode list = o.putArray(key);
        all.subList(from, to).forEach(r -> list.add(json.valueToTree(r)));
        return ok(o);
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private MockResponse getOne(String key, Map<String, Map<String, String>> data, String id) {
        Map<String, String> row = id == null ? null : data.get(id);
        if (row == null) {
            return error(config.getNotFoundErrcode(), "编码为[" + id + "]的数据不存在"); // [I]
        }
        ObjectNode o = okBody("");
        o.set(key, json.valueToTree(row));
        return ok(o);
    }

    private MockResponse batch(String key, Map<String, Map<String, String>> data, Map<String, String> q) {
        Function<Map<String, String>, Map<String, Object>> copy = LinkedHashMap::new;
        List<Map<String, Object>> rows = data.values().stream().map(copy).toList();
        Predicate<Map<String, Object>> f = range(q, "code", "code_begin", "code_end").and(contains(q, "name", "name"));
        return page(key, rows.stream().filter(f).toList(), q);
    }
}
