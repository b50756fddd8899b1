package org.aftersaleshub.mock.yonbip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The YonBIP API gateway in front of the business APIs (docs/vendor-apis/yonyou-yonbip.md §4.2): an unregistered path
 * gets HTTP 404 {@code 310404} (checked before the token, as the gateway does), then {@code 310001} missing token,
 * {@code 310036} bad or expired token ({@code text/plain} {@code 非法token} on some paths), then the optional
 * per-path rate limit (HTTP 429 {@code 310046} or {@code 999}). Not thread-safe: {@link YonBipMock} calls it under
 * its lock.
 */
final class YonBipGateway {

    private static final Set<String> APIS = Set.of(
            "POST /yonbip/scm/othoutrecord/single/save", "POST /yonbip/scm/othoutrecord/batchaudit",
            "GET /yonbip/scm/othoutrecord/detail", "POST /yonbip/scm/othoutrecord/list",
            "POST /yonbip/scm/stock/QueryCurrentStocksByCondition",
            "POST /yonbip/digitalModel/merchant/list", "GET /yonbip/digitalModel/merchant/detail",
            "POST /yonbip/digitalModel/product/list", "GET /yonbip/digitalModel/product/detail",
            "POST /yonbip/digitalModel/warehouse/list", "GET /yonbip/digitalModel/warehouse/detail");

    private final MockContext ctx;
    private final Supplier<YonBipConfig> config;
    private final YonBipReplies replies;
    private final YonBipAuth auth;
    private final Map<String, Deque<Instant>> callTimes = new LinkedHashMap<>();
    private int rateLimited;

    YonBipGateway(MockContext ctx, Supplier<YonBipConfig> config, YonBipReplies replies, YonBipAuth auth) {
        this.ctx = ctx;
        this.config = config;
        this.replies = replies;
        this.auth = auth;
    }

    int rateLimited() {
        return rateLimited;
    }

    void clear() {
        callTimes.clear();
        rateLimited = 0;
    }

    /** The gateway's refusal of a call to {@code path} (prefix stripped), or null to pass it on. */
    MockResponse check(MockRequest req, String path) {
        String api = req.method() + " " + path;
        if (!APIS.contains(api)) {
            // checked before the token, as the gateway does [O]
            return replies.answer(404, replies.envelope("310404", "网关上没有注册此API[" + path + "]，请确认后重新调用"));
        }
        String token = req.query().get("access_token");
        if (token == null || token.isEmpty()) {
            return replies.fail("310001", "access_token不能为空。");
        }
        if (!auth.isLive(token)) {
            return config.get().getPlainTextInvalidTokenPaths().contains(path)
                    ? MockResponse.text(200, "text/plain;charset=utf-8", "非法token")
                    : replies.fail("310036", "非法token");
        }
        return rateLimit(path);
    }

    private MockResponse rateLimit(String path) {
        YonBipConfig cfg = config.get();
        if (cfg.getRateLimitPerMinute() <= 0) {
            return null;
        }
        Deque<Instant> times = callTimes.computeIfAbsent(path, k -> new ArrayDeque<>());
        Instant cutoff = ctx.now().minus(Duration.ofMinutes(1));
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.pollFirst();
        }
        if (times.size() >= cfg.getRateLimitPerMinute()) {
            rateLimited++;
            return cfg.isRateLimitAs999() ? replies.fail("999", "操作过于频繁，请稍后重试")
                    : replies.answer(429, replies.envelope("310046", "API被限流"));
        }
        times.addLast(ctx.now());
        return null;
    }
}
