package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * FXiaoKe's token surface (docs/vendor-apis/fxiaoke.md §3): the legacy {@code corpAccessToken/get/V2} and the new
 * {@code oauth2.0/token}, the 6 600 s reuse window (a new token leaves the old one valid until its own expiry), burst
 * and concurrent token calls rejected, and the check of a business call's token in the body (corpAccessToken + corpId)
 * or the headers (Bearer + x-fs-ea): 20017 missing, 20016 wrong or expired. State guarded by the mock's lock.
 */
final class FxiaokeTokens {

    private final ImCrmContext<FxiaokeSettings, String> p;
    private final FxiaokeTenant tenant;
    private final FxiaokeAnswers answers;
    private final Set<String> tokenCallInFlight = new HashSet<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();

    FxiaokeTokens(ImCrmContext<FxiaokeSettings, String> platform, FxiaokeTenant tenant, FxiaokeAnswers answers) {
        this.p = platform;
        this.tenant = tenant;
        this.answers = answers;
    }

    void clear() {
        tokenCallInFlight.clear();
        tokenCalls.clear();
    }

    /** {@code tokens} and {@code tokenCalls} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s, long now) {
        List<Map<String, Object>> ts = new ArrayList<>();
        p.tokens().honouredTokens().forEach(t -> ts.add(Map.of("token", t.value(), "style", t.owner(),
                "issuedAtMillis", t.issuedAtMs(), "expiresAtMillis", t.expiresAtMs(), "valid", t.expiresAtMs() > now)));
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
    }

    MockResponse token(MockRequest req, String style) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return answers.error(10006, "the parameter appId is missing or illegal");
        }
        String id = b.path("appId").asText("");
        FxiaokeSettings cfg = p.settings();
        long now = p.millis();
        synchronized (p.lock()) {
            if (!id.equals(tenant.appId)) {
                recordTokenCall(style, "10006 appId");
                return answers.error(10006, "the parameter appId is missing or illegal");
            }
            if (!b.path("appSecret").asText("").equals(tenant.appSecret)) {
                recordTokenCall(style, "10006 appSecret");
                return answers.error(10006, "the parameter appSecret is missing or illegal");
            }
            if (!b.path("permanentCode").asText("").equals(tenant.permanentCode)) {
                recordTokenCall(style, "10006 permanentCode");
                return answers.error(10006, "the parameter permanentCode is missing or illegal");
            }
            if (style.equals("new") && !"app_secret".equals(b.path("grantType").asText(""))) {
                recordTokenCall(style, "10006 grantType");
                return answers.error(10006, "the parameter grantType is missing or illegal");
            }
            if (tokenCallInFlight.contains(tenant.appId)) {
                recordTokenCall(style, "rejected concurrent");
                return tokenRejected("concurrent");
            }
            if (!p.limiter().tryAcquire("token:" + tenant.appId, now, cfg.tokenCallsPerMinute, 60_000)) {
                recordTokenCall(style, "rejected burst");
                return tokenRejected("burst");
            }
            tokenCallInFlight.add(tenant.appId);
        }
        try {
            if (cfg.tokenServiceTimeMs > 0) {
                Thread.sleep(cfg.tokenServiceTimeMs); // holds the app's slot like a slow token service would
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (p.lock()) {
            tokenCallInFlight.remove(tenant.appId);
            long t = p.millis();
            AccessTokens.Token<String> cur = p.tokens().current(style);
            if (cur == null || t - cur.issuedAtMs() >= cfg.tokenReuseSeconds * 1000 || !p.tokens().isLive(cur, t)) {
                // a new token; the old one stays valid until its own expiry (docs/vendor-apis/fxiaoke.md §3.3)
                cur = p.tokens().issue(style, WxCallbackCrypto.randomAlphanumeric(32).toUpperCase(), style, t,
                        t + cfg.tokenTtlSeconds * 1000, false);
            }
            recordTokenCall(style, "ok");
            long expiresIn = (cur.expiresAtMs() - t) / 1000;
            Map<String, Object> out = new LinkedHashMap<>();
            if (style.equals("legacy")) {
                out.put("corpAccessToken", cur.value());
                out.put("corpId", tenant.corpId);
                out.put("expiresIn", expiresIn);
            } else {
                out.put("accessToken", cur.value());
                out.put("expiresIn", expiresIn);
                out.put("ea", tenant.ea);
                out.put("appId", tenant.appId);
                out.put("openUserId", tenant.openUserId);
            }
            out.put("errorCode", 0);
            out.put("errorMessage", "success");
            out.put("traceId", answers.traceId());
            return MockResponse.json(200, p.toJson(out));
        }
    }

    private MockResponse tokenRejected(String why) {
        synchronized (p.lock()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", "token-" + why);
            r.put("path", "token");
            r.put("code", p.settings().tokenRejectErrorCode);
            r.put("atMillis", p.millis());
            p.rateLimitRejections().add(r);
        }
        return answers.error(p.settings().tokenRejectErrorCode, "token request rejected: " + why
                + " calls (at most " + p.settings().tokenCallsPerMinute + "/min, never concurrently)");
    }

    private void recordTokenCall(String style, String outcome) {
        synchronized (p.lock()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("style", style);
            c.put("atMillis", p.millis());
            c.put("outcome", outcome);
            tokenCalls.add(c);
        }
    }

    /** Body style (corpAccessToken + corpId) or header style (Bearer + x-fs-ea); null when allowed. */
    MockResponse authenticate(MockRequest req, JsonNode body) {
        String auth = req.header("authorization");
        String token;
        boolean ownerOk;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
            ownerOk = tenant.ea.equals(req.header("x-fs-ea"));
        } else if (body.hasNonNull("corpAccessToken") && !body.get("corpAccessToken").asText().isEmpty()) {
            token = body.get("corpAccessToken").asText();
            ownerOk = tenant.corpId.equals(body.path("corpId").asText());
        } else {
            return answers.error(20017, "corpAccessToken为必填项，不能为空");
        }
        synchronized (p.lock()) {
            AccessTokens.Token<String> t = p.tokens().find(token);
            if (t == null || t.expiresAtMs() <= p.millis() || !ownerOk) {
                return answers.error(20016, "the cropId,cropAccessToken or authorization is error");
            }
        }
        return null;
    }
}
