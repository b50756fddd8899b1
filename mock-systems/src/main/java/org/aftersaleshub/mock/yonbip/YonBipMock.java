package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * Yonyou YonBIP / YonSuite OpenAPI stand-in (docs/vendor-apis/yonyou-yonbip.md; what it reproduces: §9): gateway
 * discovery, the signed self-built-app token (old and {@code base/v1} paths, tokens containing {@code + / =}), the
 * gateway's 3100xx codes, {@code othoutrecord/single/save} de-duplicated by {@code resubmitCheckKey},
 * {@code batchaudit} (HTTP 200, {@code code "200"} even with {@code failCount > 0}) which deducts stock,
 * {@code QueryCurrentStocksByCondition} ({@code data} a bare array) and master-data list/detail. The gateway lives
 * under {@code /iuap-api-gateway}, the token service under {@code /iuap-api-auth}; both prefixes are optional.
 *
 * <p>This class routes each path to its API surface — {@link YonBipAuth} (discovery, token), {@link YonBipGateway}
 * (registered APIs, token check, rate limit), {@link YonBipOutbound} (other outbound records),
 * {@link YonBipMasterData} (stock and master data) — over one stock ledger and one id sequence, and holds the typed
 * views for tests and the admin paths.
 *
 * <p>Own admin paths under {@code /mock-admin/yonbip/}: {@code config} (GET/POST),
 * {@code documents?resubmitCheckKey=&code=}, {@code stock?product=&warehouse=} (GET; POST
 * {@code {"product","warehouse","qty"}}), {@code expire-tokens}.
 */
public final class YonBipMock extends HttpMock {

    static final String GATEWAY = "/iuap-api-gateway";
    static final String AUTH = "/iuap-api-auth";

    private final Object lock = new Object();
    private volatile YonBipConfig config = new YonBipConfig();
    private final StockLedger stock = new StockLedger();
    private long ids = 1790000000000000L;
    private final YonBipReplies replies = new YonBipReplies(json);
    private final YonBipAuth auth = new YonBipAuth(context, () -> config, replies);
    private final YonBipGateway gateway = new YonBipGateway(context, () -> config, replies, auth);
    private final YonBipMasterData masterData = new YonBipMasterData(json, replies, stock, this::nextId);
    private final YonBipOutbound outbound = new YonBipOutbound(context, () -> config, replies, masterData, stock,
            this::nextId);

    @Override
    public String name() {
        return "yonbip";
    }

    @Override
    public int defaultPort() {
        return 18083;
    }

    /** The next id of the one sequence master data, documents and their rows share. Caller holds the lock. */
    private long nextId() {
        return ++ids;
    }

    // ------------------------------------------------------------------ typed views

    public YonBipConfig config() {
        return config;
    }

    /** Saved other-outbound documents with this resubmitCheckKey (at most one). */
    public List<Map<String, Object>> documentsByResubmitKey(String key) {
        synchronized (lock) {
            return outbound.documents().stream().filter(d -> key.equals(d.path("resubmitCheckKey").asText(null)))
                    .map(this::asMap).toList();
        }
    }

    public int documentCount() {
        synchronized (lock) {
            return outbound.documents().size();
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
            return auth.tokenCalls();
        }
    }

    /** Access tokens the gateway still accepts now (0 right after {@link #expireAllTokens()}). */
    public int liveTokenCount() {
        synchronized (lock) {
            return auth.liveTokenCount();
        }
    }

    public void expireAllTokens() {
        synchronized (lock) {
            auth.expireAllTokens();
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
            masterData.seed(data);
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
            auth.clear();
            outbound.clear();
            stock.clear();
            masterData.clear();
            gateway.clear();
            ids = 1790000000000000L;
        }
    }

    @Override
    public Map<String, Object> state() {
        synchronized (lock) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("documents", outbound.documents().stream().map(this::asMap).toList());
            s.put("stock", stock.view());
            s.put("tokenCalls", auth.tokenCalls());
            s.put("rateLimited", gateway.rateLimited());
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
                        return MockResponse.json(200, toJson(outbound.documents().stream()
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

    private static String strip(String path) {
        for (String prefix : List.of(GATEWAY, AUTH)) {
            if (path.startsWith(prefix + "/")) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        synchronized (lock) {
            String path = strip(req.path());
            Map<String, String> q = req.query();
            if (path.equals("/open-auth/dataCenter/getGatewayAddress")) {
                return auth.gatewayAddress(q);
            }
            if (path.equals("/open-auth/selfAppAuth/getAccessToken")
                    || path.equals("/open-auth/selfAppAuth/base/v1/getAccessToken")) {
                return auth.token(q);
            }
            MockResponse refused = gateway.check(req, path);
            if (refused != null) {
                return refused;
            }
            try {
                JsonNode body = "POST".equals(req.method()) && req.body().length > 0 ? json.readTree(req.body())
                        : json.createObjectNode();
                return switch (path) {
                    case "/yonbip/scm/othoutrecord/single/save" -> outbound.save(body.path("data"));
                    case "/yonbip/scm/othoutrecord/batchaudit" -> outbound.batchAudit(body.path("data"));
                    case "/yonbip/scm/othoutrecord/detail" -> outbound.detail(q.get("id"));
                    case "/yonbip/scm/othoutrecord/list" -> outbound.list(body);
                    case "/yonbip/scm/stock/QueryCurrentStocksByCondition" -> masterData.currentStock(body);
                    default -> {
                        MockResponse read = masterData.read(path, body, q.get("id"));
                        yield read != null ? read : replies.fail("999", "系统异常");
                    }
                };
            } catch (Exception e) {
                return replies.fail("999", "系统异常：" + e.getMessage());
            }
        }
    }
}
