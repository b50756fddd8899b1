package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * Yonyou U8 OpenAPI stand-in (docs/vendor-apis/yonyou-u8.md; what it reproduces: §10): {@code /system/token},
 * {@code /system/tradeid}, {@code /api/otherout|materialout/add} (sync and async with {@code url} + {@code ping_after},
 * de-duplicated by {@code biz_id} / {@code tradeid}), {@code /result?requestid=}, {@code /api/<resource>/audit}
 * (approver must have called {@code user/login_v2}), {@code currentstock/batch_get},
 * {@code customer|inventory/get|batch_get}. Codes are strings ({@code errcode:"0"}); business errors are HTTP 200.
 *
 * <p>This class routes each path to its API surface — {@link U8Auth} (token, tradeid, the caller check),
 * {@link U8Vouchers} (add, result, audit, login_v2), {@link U8MasterData} (stock and master-data reads) — over one
 * stock ledger, and holds the typed views for tests and the admin paths.
 *
 * <p>Own admin paths under {@code /mock-admin/u8/}: {@code config} (GET/POST), {@code documents?biz_id=&tradeid=},
 * {@code stock?invcode=&whcode=} (GET; POST {@code {"invcode","whcode","qty"}}), {@code expire-tokens}.
 */
public final class U8Mock extends HttpMock {

    private static final Set<String> VOUCHERS = Set.of("otherout", "materialout");

    private final Object lock = new Object();
    private volatile U8Config config = new U8Config();
    /** invcode -> whcode -> quantity. */
    private final StockLedger stock = new StockLedger();
    private final U8Replies replies = new U8Replies(json, () -> config);
    private final U8Auth auth = new U8Auth(context, () -> config, replies);
    private final U8MasterData masterData = new U8MasterData(json, () -> config, replies, stock);
    private final U8Vouchers vouchers = new U8Vouchers(context, () -> config, replies, auth, masterData, stock);

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
            return vouchers.documents(d -> bizId.equals(d.get("biz_id")));
        }
    }

    public List<Map<String, Object>> documentsByTradeId(String tradeId) {
        synchronized (lock) {
            return vouchers.documents(d -> tradeId.equals(d.get("tradeid")));
        }
    }

    public int documentCount(String resource) {
        synchronized (lock) {
            return vouchers.documents(d -> d.get("resource").equals(resource)).size();
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
            return auth.tokenCalls();
        }
    }

    /** Tokens that U8 still accepts now (0 right after {@link #expireAllTokens()}). */
    public int liveTokenCount() {
        synchronized (lock) {
            return auth.liveTokenCount();
        }
    }

    public int tradeidCalls() {
        synchronized (lock) {
            return auth.tradeidCalls();
        }
    }

    /** Every issued token stops working now. */
    public void expireAllTokens() {
        synchronized (lock) {
            auth.expireAllTokens();
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
            masterData.seed(data);
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
            auth.clear();
            vouchers.clear();
            stock.clear();
            masterData.clear();
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", vouchers.documents(d -> true));
            s.put("stock", stock.view());
            s.put("tokenCalls", auth.tokenCalls());
            s.put("tradeidCalls", auth.tradeidCalls());
            s.put("liveTokens", auth.liveTokenCount());
            s.put("pendingResults", vouchers.pendingResults());
            s.put("approversLoggedIn", vouchers.approversLoggedIn());
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
                        return MockResponse.json(200, toJson(vouchers.documents(
                                d -> (biz == null || biz.equals(d.get("biz_id")))
                                        && (trade == null || trade.equals(d.get("tradeid"))))));
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
                        int n = auth.expireAllTokens();
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

    // ------------------------------------------------------------------ dispatch

    @Override
    protected MockResponse handle(MockRequest req) {
        synchronized (lock) {
            String p = req.path();
            Map<String, String> q = req.query();
            switch (p) {
                case "/system/token" -> {
                    return auth.token(q);
                }
                case "/system/tradeid" -> {
                    return auth.tradeid(q);
                }
                case "/result" -> {
                    return vouchers.result(q.get("requestid"));
                }
                default -> { }
            }
            if (!p.startsWith("/api/")) {
                return MockResponse.text(404, "text/html", "<html><body>404 Not Found</body></html>");
            }
            MockResponse denied = auth.checkCaller(q, true);
            if (denied != null) {
                return denied;
            }
            String[] parts = p.substring("/api/".length()).split("/");
            if (parts.length != 2) {
                return replies.error(config.getParamErrcode(), "接口不存在：" + p);
            }
            String resource = parts[0];
            String op = parts[1];
            try {
                if ("POST".equals(req.method()) && op.equals("add") && VOUCHERS.contains(resource)) {
                    return vouchers.add(resource, req);
                }
                if ("POST".equals(req.method()) && op.equals("audit") && VOUCHERS.contains(resource)) {
                    return vouchers.audit(resource, req);
                }
                if ("POST".equals(req.method()) && resource.equals("user") && op.equals("login_v2")) {
                    return vouchers.loginV2(req);
                }
                if ("GET".equals(req.method())) {
                    MockResponse read = masterData.read(resource + "/" + op, q);
                    if (read != null) {
                        return read;
                    }
                }
            } catch (Exception e) {
                return replies.error(config.getParamErrcode(), "请求格式不正确：" + e.getMessage());
            }
            return replies.error(config.getParamErrcode(), "接口不存在：" + p);
        }
    }
}
