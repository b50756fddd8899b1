package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * FXiaoKe (纷享销客) CRM stand-in (docs/vendor-apis/fxiaoke.md; what it reproduces: §7): legacy
 * ({@code /cgi/corpAccessToken/get/V2}) and new ({@code /oauth2.0/token}) tokens with the 6 600 s reuse window, burst
 * and concurrent token-call rejection, 20016/20017, 100 calls per 20 s per path, the object data API for
 * {@code AccountObj}, {@code ContactObj} and configurable custom objects ({@code __c}) with paging limits and a
 * non-updatable owner; and, as the CRM, signed and encrypted data-change callbacks re-sent with an increasing
 * {@code retryTimes}.
 *
 * <p>This class routes each request — through the token check and the per-path limit — to its API surface:
 * {@link FxiaokeTokens}, {@link FxiaokeObjects}, {@link FxiaokeCallbacks}; it holds the typed views for tests and the
 * admin paths.
 *
 * <p>HTTP is always 200; {@code errorCode} carries the outcome. Own admin paths: {@code config},
 * {@code tokens/expire}, {@code scripted-errors} (e.g. 30002 daily quota, 30003, -1, 50009), {@code callback/push}.
 */
public class FxiaokeMock extends ImCrmMock<FxiaokeSettings, String> {

    private static final Set<String> ACTIONS = Set.of("query", "get", "create", "update", "invalid", "delete", "changeOwner");

    /** Fixed values for known-answer tests and negative cases; every field optional. */
    public record PushOptions(String plaintext, Long timestamp, String nonce, String messageId, Integer firstRetryTimes,
                              boolean tamperSignature, String aesKeyOverride) {
        public static PushOptions defaults() {
            return new PushOptions(null, null, null, null, null, false, null);
        }
    }

    // ---- state, guarded by "this"
    private final FxiaokeTenant tenant = new FxiaokeTenant();
    private final FxiaokeAnswers answers = new FxiaokeAnswers(platform, tenant);
    private final FxiaokeTokens tokenSurface = new FxiaokeTokens(platform, tenant, answers);
    private final FxiaokeCallbacks callbacks = new FxiaokeCallbacks(platform);
    private final FxiaokeObjects objects = new FxiaokeObjects(platform, tenant, answers, callbacks);

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
        tenant.seed(own);
        own.path("customObjects").forEach(o -> objects.addCustomObject(o.asText()));
        seedCallbackSection(own);
        objects.seedCustomers(data);
    }

    @Override
    protected void clearPlatformState() {
        objects.clear();
        tokenSurface.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        long now = clock.millis();
        s.put("appId", tenant.appId);
        s.put("corpId", tenant.corpId);
        s.put("ea", tenant.ea);
        s.put("customObjects", objects.customObjects());
        tokenSurface.putState(s, now);
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
        objects.putState(s);
    }

    /** A stored record (a copy), or null. */
    public synchronized JsonNode record(String apiName, String id) {
        return objects.record(apiName, id);
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
            return tokenSurface.token(req, "legacy");
        }
        if (p.equals("/oauth2.0/token")) {
            return tokenSurface.token(req, "new");
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
            return answers.illegal("body");
        }
        if (body == null || !body.isObject()) {
            return answers.illegal("body");
        }
        MockResponse denied = tokenSurface.authenticate(req, body);
        if (denied != null) {
            return denied;
        }
        var scriptedCode = scripted.next(operationOf(req));
        if (scriptedCode.isPresent()) {
            return answers.error(scriptedCode.get(), FxiaokeAnswers.scriptedMessage(scriptedCode.get()));
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
            return settings.rateLimitErrorCode == 14001 ? answers.error(14001, "调用次数超过限制")
                    : answers.error(settings.rateLimitErrorCode, "调用频率超过限制,请稍后再试");
        }
        JsonNode data = body.path("data");
        String apiName = data.path("dataObjectApiName").asText(
                data.path("object_data").path("dataObjectApiName").asText(null));
        if (apiName == null) {
            return answers.illegal("dataObjectApiName");
        }
        synchronized (this) {
            return objects.handle(action, apiName, body, data);
        }
    }

    // ------------------------------------------------ data-change callbacks (docs/vendor-apis/fxiaoke.md §6)

    /**
     * Posts one data-change event to the hub now and returns attempt 1; on a bad or late reply it is re-sent after
     * each configured delay with {@code retryTimes} 1, 2, ... (or {@code firstRetryTimes}, +1, ... when given).
     */
    public CallbackSender.Attempt pushChange(String eventType, String apiName, String dataId, PushOptions o) {
        return callbacks.push(eventType, apiName, dataId, o);
    }

    /** AES-256-CBC with standard 16-byte PKCS5 padding, key = Base64-decoded aesKey, IV = key[0..16). */
    public static String aesEncrypt(String plaintext, String aesKey) {
        return FxiaokeCallbacks.aesEncrypt(plaintext, aesKey);
    }

    public static String aesDecrypt(String base64, String aesKey) {
        return FxiaokeCallbacks.aesDecrypt(base64, aesKey);
    }

    public static String sha1Hex(String text) {
        return FxiaokeCallbacks.sha1Hex(text);
    }

    // ------------------------------------------------------------------ own admin paths

    /** {@code customObjects} in a posted config adds to the object list, which is state rather than a setting. */
    @Override
    protected void mergeSettings(byte[] partialJson) throws Exception {
        ObjectNode b = (ObjectNode) json.readTree(partialJson);
        JsonNode extra = b.remove("customObjects");
        if (extra != null) {
            extra.forEach(o -> objects.addCustomObject(o.asText()));
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
