package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.ExpiringTokens;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The U8 mock's caller surface (docs/vendor-apis/yonyou-u8.md §2.2, §3, §4.2): {@code /system/token} (7 200 s on the
 * mock clock), {@code /system/tradeid} (a fresh id per call, served as {@code text/html}), and the check every API call
 * passes — {@code from_account}, {@code app_key}, {@code to_account} and a live {@code token} as query parameters.
 * Not thread-safe: {@link U8Mock} calls it under its lock.
 */
final class U8Auth {

    private final MockContext ctx;
    private final Supplier<U8Config> config;
    private final U8Replies replies;
    private final ExpiringTokens tokens = new ExpiringTokens();
    private final Set<String> tradeIds = new HashSet<>();
    private int tokenCalls;
    private int tradeidCalls;

    U8Auth(MockContext ctx, Supplier<U8Config> config, U8Replies replies) {
        this.ctx = ctx;
        this.config = config;
        this.replies = replies;
    }

    int tokenCalls() {
        return tokenCalls;
    }

    int tradeidCalls() {
        return tradeidCalls;
    }

    int liveTokenCount() {
        return tokens.liveCount(ctx.now());
    }

    /** Every issued token stops working now; returns how many there were. */
    int expireAllTokens() {
        return tokens.expireAll();
    }

    /** Whether {@code /system/tradeid} issued this id. */
    boolean issuedTradeId(String tradeId) {
        return tradeIds.contains(tradeId);
    }

    void clear() {
        tokens.clear();
        tradeIds.clear();
        tokenCalls = 0;
        tradeidCalls = 0;
    }

    MockResponse token(Map<String, String> q) {
        U8Config cfg = config.get();
        tokenCalls++;
        if (!cfg.getFromAccount().equals(q.get("from_account")) || !cfg.getAppKey().equals(q.get("app_key"))
                || !cfg.getAppSecret().equals(q.get("app_secret"))) {
            return replies.error(cfg.getBadCredentialsErrcode(), "应用不存在或app_secret不正确"); // [I]
        }
        String id = U8Replies.hex32();
        tokens.issue(id, ctx.now().plusSeconds(cfg.getTokenLifetimeSeconds()));
        ObjectNode o = replies.okBody("成功");
        ObjectNode t = o.putObject("token");
        t.put("appKey", cfg.getAppKey());
        t.put("expiresIn", 7200);
        t.put("id", id);
        return replies.ok(o);
    }

    MockResponse tradeid(Map<String, String> q) {
        tradeidCalls++;
        MockResponse denied = checkCaller(q, false);
        if (denied != null) {
            return denied;
        }
        String id = U8Replies.hex32();
        tradeIds.add(id);
        ObjectNode o = replies.okBody("成功");
        o.putObject("trade").put("id", id);
        return MockResponse.text(200, "text/html; charset=utf-8", o.toString()); // as documented
    }

    /** Credentials travel as query parameters on every call; null when the caller may go on. */
    MockResponse checkCaller(Map<String, String> q, boolean needsToAccount) {
        U8Config cfg = config.get();
        if (!cfg.getFromAccount().equals(q.get("from_account")) || !cfg.getAppKey().equals(q.get("app_key"))) {
            return replies.error(cfg.getBadCredentialsErrcode(), "from_account或app_key不正确"); // [I]
        }
        if (needsToAccount && !cfg.getToAccount().equals(q.get("to_account"))) {
            return replies.error(cfg.getBadCredentialsErrcode(), "to_account不正确或未授权此应用"); // [I]
        }
        String token = q.get("token");
        if (!tokens.isLive(token, ctx.now())) {
            return replies.error(cfg.getTokenErrcode(), "token无效或已过期"); // [I] the real code is not published
        }
        return null;
    }
}
