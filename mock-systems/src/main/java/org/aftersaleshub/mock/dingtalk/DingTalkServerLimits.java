package org.aftersaleshub.mock.dingtalk;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The gate in front of DingTalk's server API (docs/vendor-apis/dingtalk.md §3), in the order the platform applies it:
 * the per-IP ban (calls per window, then a ban of {@code ipBanMinutes} with a JSON or HTML body), the access token
 * (missing, unknown, retired, expired), scripted platform errors, the per-app-and-API QPS limit (90018) and the
 * organisation's monthly call quota (90020, {@link DingTalkApiQuota}). State guarded by the mock's lock.
 */
final class DingTalkServerLimits {

    /** The gate's verdict: the calling app, or the answer to send instead. */
    sealed interface Gate {
        record Allowed(String appKey) implements Gate {
        }

        record Denied(MockResponse response) implements Gate {
        }
    }

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final Map<String, Long> ipBannedUntil = new HashMap<>();
    private final DingTalkApiQuota quota = new DingTalkApiQuota();

    DingTalkServerLimits(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    void clear() {
        ipBannedUntil.clear();
        quota.clear();
    }

    /** The {@code apiQuota} of the state snapshot and the admin path. Caller holds the lock. */
    Map<String, Object> quotaView() {
        return quota.view(p.millis(), p.settings().monthlyApiQuota);
    }

    /** Admin: sets this month's count of quota calls. Caller holds the lock. */
    void setQuotaUsed(long used) {
        quota.setUsed(p.millis(), used);
    }

    /** The {@code ipBans} of the state snapshot. Caller holds the lock. */
    Map<String, Long> ipBans() {
        return Map.copyOf(ipBannedUntil);
    }

    Gate check(MockRequest req, String op, boolean newApi) {
        DingTalkSettings cfg = p.settings();
        long now = p.millis();
        String ip = req.clientIp() == null ? "unknown" : req.clientIp();
        synchronized (p.lock()) {
            Long banned = ipBannedUntil.get(ip);
            if (banned != null && banned > now) {
                return new Gate.Denied(ipBanAnswer(cfg));
            }
            if (!p.limiter().tryAcquire("ip:" + ip, now, cfg.ipCallsPerWindow, cfg.ipWindowMs)) {
                ipBannedUntil.put(ip, now + Duration.ofMinutes(cfg.ipBanMinutes).toMillis());
                p.recordRejection("ipBan", ip, op, "ban " + cfg.ipBanMinutes + " min");
                return new Gate.Denied(ipBanAnswer(cfg));
            }
            String token = newApi ? req.header("x-acs-dingtalk-access-token") : req.query().get("access_token");
            if (token == null || token.isEmpty()) {
                return new Gate.Denied(newApi ? answers.invalidAuthentication()
                        : answers.legacy(41001, "缺少access_token参数"));
            }
            AccessTokens.Token<String> t = p.tokens().find(token);
            if (t == null) {
                return new Gate.Denied(newApi ? answers.invalidAuthentication()
                        : p.tokens().wasRetired(token) ? answers.legacy(42001, "access_token超时")
                        : answers.legacy(40014, "不合法的access_token"));
            }
            if (t.expiresAtMs() <= now) {
                return new Gate.Denied(newApi ? answers.invalidAuthentication()
                        : answers.legacy(42001, "access_token超时"));
            }
            var code = p.scripted().next(op);
            if (code.isPresent()) {
                return new Gate.Denied(newApi ? answers.newApiErrorFor(code.get())
                        : answers.legacy(code.get(), DingTalkAnswers.legacyMessage(code.get())));
            }
            if (!p.limiter().tryAcquire("qps:" + t.owner() + ":" + op, now, cfg.qpsPerAppAndApi, cfg.qpsWindowMs)) {
                p.recordRejection("qps", t.owner(), op, "90018");
                return new Gate.Denied(newApi ? answers.newApiErrorFor(90018)
                        : answers.legacy(90018, DingTalkAnswers.legacyMessage(90018)));
            }
            if (DingTalkApiQuota.counted(op) && !quota.tryCount(now, cfg.monthlyApiQuota)) {
                p.recordRejection("monthlyQuota", t.owner(), op, "90020");
                return new Gate.Denied(newApi ? answers.newApiErrorFor(90020)
                        : answers.legacy(90020, DingTalkAnswers.legacyMessage(90020)));
            }
            return new Gate.Allowed(t.owner());
        }
    }

    private MockResponse ipBanAnswer(DingTalkSettings cfg) {
        if ("html".equalsIgnoreCase(cfg.ipBanBody)) {
            return MockResponse.text(cfg.ipBanHttpStatus, "text/html;charset=UTF-8",
                    "<!DOCTYPE html><html><head><title>访问被拒绝</title></head><body><h1>Access denied</h1>"
                            + "<p>您的访问过于频繁，请稍后再试。</p></body></html>");
        }
        return MockResponse.json(cfg.ipBanHttpStatus, p.toJson(Map.of("status", 1111, "wait", 5, "source", "x5",
                "punish", "deny", "uuid", UUID.randomUUID().toString())));
    }
}
