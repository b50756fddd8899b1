package org.aftersaleshub.mock.wecom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom's token surface (docs/vendor-apis/wecom.md §2.1): the corp's apps by secret, {@code /cgi-bin/gettoken} (the
 * same token while it lives, not extended), and the gate every API call passes — token (40014 unknown, 42001 expired or
 * retired), scripted errors, and the per-corp API frequency (45009). State guarded by the mock's lock.
 */
final class WeComTokens {

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComAnswers answers;
    private final Supplier<String> corpId;
    private final Map<String, WeComMock.App> appsBySecret = new LinkedHashMap<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();

    WeComTokens(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComAnswers answers, Supplier<String> corpId) {
        this.p = platform;
        this.answers = answers;
        this.corpId = corpId;
    }

    void addApp(WeComMock.App app) {
        appsBySecret.put(app.secret(), app);
    }

    void clear() {
        appsBySecret.clear();
        tokenCalls.clear();
    }

    /** {@code tokens} and {@code tokenCalls} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s, long now) {
        List<Map<String, Object>> ts = new ArrayList<>();
        for (AccessTokens.Token<WeComMock.App> t : p.tokens().currentTokens()) {
            ts.add(Map.of("agentId", t.owner().agentId(), "accessToken", t.value(), "expiresAtMillis", t.expiresAtMs(),
                    "valid", p.tokens().isLive(t, now)));
        }
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
    }

    MockResponse getToken(MockRequest req) {
        String corp = req.query().get("corpid");
        String secret = req.query().get("corpsecret");
        var code = p.scripted().next("gettoken");
        if (code.isPresent()) {
            recordTokenCall(secret, String.valueOf(code.get()));
            return answers.error(req, code.get(), WeComAnswers.messageFor(code.get()));
        }
        synchronized (p.lock()) {
            if (corp == null || corp.isEmpty()) {
                recordTokenCall(secret, "41002");
                return answers.error(req, 41002, "corpid missing");
            }
            if (!corp.equals(corpId.get())) {
                recordTokenCall(secret, "40013");
                return answers.error(req, 40013, "invalid corpid");
            }
            if (secret == null || secret.isEmpty()) {
                recordTokenCall(secret, "41004");
                return answers.error(req, 41004, "corpsecret missing");
            }
            WeComMock.App app = appsBySecret.get(secret);
            if (app == null) {
                recordTokenCall(secret, "40001");
                return answers.error(req, 40001, "invalid credential");
            }
            long now = p.millis();
            AccessTokens.Token<WeComMock.App> t = p.tokens().current(secret);
            if (t == null || !p.tokens().isLive(t, now)) {
                // the same token while it lives (not extended); afterwards a new one, the old one retired
                t = p.tokens().issue(secret, WxCallbackCrypto.randomAlphanumeric(64), app, now,
                        now + p.settings().tokenTtlSeconds * 1000, true);
            }
            recordTokenCall(secret, "ok");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errcode", 0);
            body.put("errmsg", "ok");
            body.put("access_token", t.value());
            body.put("expires_in", (t.expiresAtMs() - now) / 1000);
            return MockResponse.json(200, p.toJson(body));
        }
    }

    private void recordTokenCall(String secret, String outcome) {
        synchronized (p.lock()) {
            WeComMock.App app = secret == null ? null : appsBySecret.get(secret);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("agentId", app == null ? null : app.agentId());
            c.put("atMillis", p.millis());
            c.put("outcome", outcome);
            tokenCalls.add(c);
        }
    }

    /** Token check, scripted errors and the per-corp API frequency; returns the caller's App or a denial. */
    Object gate(MockRequest req, String op) {
        String token = req.query().get("access_token");
        synchronized (p.lock()) {
            if (token == null || token.isEmpty()) {
                return answers.error(req, 41001, "access_token missing");
            }
            AccessTokens.Token<WeComMock.App> t = p.tokens().find(token);
            if (t == null) {
                return p.tokens().wasRetired(token) ? answers.error(req, 42001, "access_token expired")
                        : answers.error(req, 40014, "invalid access_token");
            }
            if (t.expiresAtMs() <= p.millis()) {
                return answers.error(req, 42001, "access_token expired");
            }
            var code = p.scripted().next(op);
            if (code.isPresent()) {
                p.recordRejection("scripted", String.valueOf(t.owner().agentId()), op, code.get());
                return answers.error(req, code.get(), WeComAnswers.messageFor(code.get()));
            }
            if (!p.limiter().tryAcquire("api:" + op, p.millis(), p.settings().apiCallsPerMinute, 60_000)) {
                p.recordRejection("apiFrequency", corpId.get(), op, 45009);
                return answers.error(req, 45009, "api freq out of limit");
            }
            return t.owner();
        }
    }
}
