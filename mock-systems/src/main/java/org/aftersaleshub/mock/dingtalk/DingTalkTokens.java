package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk's token surface (docs/vendor-apis/dingtalk.md §2): the apps and their credentials, the legacy
 * {@code /gettoken} and the new {@code /v1.0/oauth2/accessToken}, one token per app that a re-fetch while valid returns
 * again with its life extended, and every token call as the mock saw it. State guarded by the mock's lock.
 */
final class DingTalkTokens {

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final Map<String, DingTalkMock.App> apps = new LinkedHashMap<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();

    DingTalkTokens(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    /** Adds or replaces an app. Caller holds the lock. */
    void addApp(DingTalkMock.App app) {
        apps.put(app.appKey(), app);
    }

    /** The app with this key, or null. Caller holds the lock. */
    DingTalkMock.App app(String appKey) {
        return apps.get(appKey);
    }

    void clear() {
        apps.clear();
        tokenCalls.clear();
    }

    /** {@code apps}, {@code tokens} and {@code tokenCalls} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s, long now) {
        s.put("apps", apps.values().stream().map(a -> Map.of("appKey", a.appKey(), "agentId", a.agentId())).toList());
        List<Map<String, Object>> ts = new ArrayList<>();
        for (AccessTokens.Token<String> t : p.tokens().currentTokens()) {
            ts.add(Map.of("appKey", t.owner(), "accessToken", t.value(), "expiresAtMillis", t.expiresAtMs(),
                    "valid", p.tokens().isLive(t, now)));
        }
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
    }

    MockResponse legacyToken(MockRequest req) {
        String appKey = req.query().get("appkey");
        String secret = req.query().get("appsecret");
        synchronized (p.lock()) {
            DingTalkMock.App app = appKey == null ? null : apps.get(appKey);
            if (app == null || !app.appSecret().equals(secret)) {
                recordTokenCall("legacy", appKey, "40089");
                return answers.legacy(40089, "不合法的corpId或corpSecret");
            }
            AccessTokens.Token<String> t = issueToken(app);
            recordTokenCall("legacy", appKey, "ok");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errcode", 0);
            body.put("access_token", t.value());
            body.put("errmsg", "ok");
            body.put("expires_in", p.settings().tokenTtlSeconds);
            return MockResponse.json(200, p.toJson(body));
        }
    }

    MockResponse newToken(MockRequest req) {
        JsonNode body = p.readJsonOrNull(req);
        if (body == null || !body.isObject()) {
            recordTokenCall("new", null, "400 body is mandatory");
            return answers.newApiError(400, "MissingBody", "body is mandatory for this action.");
        }
        String appKey = body.path("appKey").asText(null);
        synchronized (p.lock()) {
            DingTalkMock.App app = appKey == null ? null : apps.get(appKey);
            if (app == null || !app.appSecret().equals(body.path("appSecret").asText(null))) {
                recordTokenCall("new", appKey, "400 invalidClientIdOrSecret");
                return answers.newApiError(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
            }
            AccessTokens.Token<String> t = issueToken(app);
            recordTokenCall("new", appKey, "ok");
            return MockResponse.json(200, p.toJson(Map.of("accessToken", t.value(),
                    "expireIn", p.settings().tokenTtlSeconds)));
        }
    }

    /**
     * Same token while valid (its life extended), a new one after expiry (docs/vendor-apis/dingtalk.md §2.2). Caller
     * holds the lock.
     */
    private AccessTokens.Token<String> issueToken(DingTalkMock.App app) {
        AccessTokens<String> tokens = p.tokens();
        long now = p.millis();
        long expires = now + p.settings().tokenTtlSeconds * 1000;
        AccessTokens.Token<String> t = tokens.current(app.appKey());
        if (t != null && tokens.isLive(t, now)) {
            t.expireAt(expires);
            return t;
        }
        // expired and replaced: the old token is retired and still answers 42001, not 40014
        return tokens.issue(app.appKey(), UUID.randomUUID().toString().replace("-", ""), app.appKey(), now, expires,
                true);
    }

    private void recordTokenCall(String style, String appKey, String outcome) {
        synchronized (p.lock()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("style", style);
            c.put("appKey", appKey);
            c.put("atMillis", p.millis());
            c.put("outcome", outcome);
            tokenCalls.add(c);
        }
    }
}
