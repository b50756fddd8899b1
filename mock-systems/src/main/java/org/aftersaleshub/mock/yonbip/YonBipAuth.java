package org.aftersaleshub.mock.yonbip;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.support.ExpiringTokens;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The YonBIP mock's auth surface (docs/vendor-apis/yonyou-yonbip.md §2, §3): gateway discovery
 * ({@code getGatewayAddress}) and the signed self-built-app token (HMAC-SHA256, base64 of the raw digest; 10018 unknown
 * appKey, {@code badSignatureCode}), with long tokens carrying {@code + / =} and expiry on the mock clock. Not
 * thread-safe: {@link YonBipMock} calls it under its lock.
 */
final class YonBipAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MockContext ctx;
    private final Supplier<YonBipConfig> config;
    private final YonBipReplies replies;
    private final ExpiringTokens tokens = new ExpiringTokens();
    private int tokenCalls;

    YonBipAuth(MockContext ctx, Supplier<YonBipConfig> config, YonBipReplies replies) {
        this.ctx = ctx;
        this.config = config;
        this.replies = replies;
    }

    int tokenCalls() {
        return tokenCalls;
    }

    boolean isLive(String token) {
        return tokens.isLive(token, ctx.now());
    }

    int liveTokenCount() {
        return tokens.liveCount(ctx.now());
    }

    /** Every issued token stops working now; returns how many there were. */
    int expireAllTokens() {
        return tokens.expireAll();
    }

    void clear() {
        tokens.clear();
        tokenCalls = 0;
    }

    MockResponse gatewayAddress(Map<String, String> q) {
        if (!config.get().getTenantId().equals(q.get("tenantId"))) {
            return replies.fail("500", "根据租户id获取网关地址出现异常");
        }
        ObjectNode o = replies.envelope("00000", "成功");
        o.putObject("data").put("gatewayUrl", ctx.baseUrl() + YonBipMock.GATEWAY)
                .put("tokenUrl", ctx.baseUrl() + YonBipMock.AUTH);
        o.remove("message");
        return replies.answer(200, o);
    }

    static String sign(String appKey, String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal(("appKey" + appKey + "timestamp" + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(raw); // base64 of the RAW digest, unlike Kingdee
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    MockResponse token(Map<String, String> q) {
        YonBipConfig cfg = config.get();
        tokenCalls++;
        String appKey = q.get("appKey");
        if (!cfg.getAppKey().equals(appKey)) {
            return replies.fail("10018", "应用不存在或appKey已停用");
        }
        String ts = q.getOrDefault("timestamp", "");
        String given = q.getOrDefault("signature", "");
        String expected = sign(appKey, ts, cfg.getAppSecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return replies.fail(cfg.getBadSignatureCode(), "签名不正确");
        }
        // new-style tokens are long and carry '+', '/' and '=': a client that does not URL-encode them breaks
        byte[] rnd = new byte[25];
        RANDOM.nextBytes(rnd);
        String b64 = Base64.getEncoder().encodeToString(rnd);
        String token = b64.substring(0, 12) + "+" + b64.substring(12, 24) + "/" + b64.substring(24);
        tokens.issue(token, ctx.now().plusSeconds(cfg.getTokenLifetimeSeconds()));
        ObjectNode o = replies.envelope("00000", "成功！");
        o.putObject("data").put("access_token", token).put("expire", 7200);
        return replies.answer(200, o);
    }
}
