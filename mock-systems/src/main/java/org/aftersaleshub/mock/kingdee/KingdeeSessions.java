package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The Kingdee mock's authentication surface (docs/vendor-apis/kingdee-k3cloud.md §4): the logins ValidateUser,
 * LoginByAppSecret and LoginBySign, the sessions they open (cookies {@code kdservice-sessionid} +
 * {@code ASP.NET_SessionId}, idle expiry on the mock clock), the session carriers a business call may present, and the
 * SDK 8.x signature headers that open a session without a login. Not thread-safe: {@link KingdeeMock} calls it under
 * its lock.
 */
final class KingdeeSessions {

    static final class Session {
        final String sid;
        final String aspNetSid;
        final String how;
        Instant lastUsed;

        Session(String sid, String how, Instant now) {
            this.sid = sid;
            this.aspNetSid = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            this.how = how;
            this.lastUsed = now;
        }
    }

    /**
     * Who a business call is: its live {@code session} (null = none, answer "session lost"), the {@code newSession}
     * whose cookies the answer must set (a signed call), or the {@code failure} to answer instead.
     */
    record Auth(Session session, Session newSession, MockResponse failure) { }

    private enum SignatureCheck { OK, BAD_ACCT, BAD_CREDENTIALS }

    private final MockContext ctx;
    private final Supplier<KingdeeConfig> config;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private int logins;
    private int loginFailures;

    KingdeeSessions(MockContext ctx, Supplier<KingdeeConfig> config) {
        this.ctx = ctx;
        this.config = config;
    }

    // ------------------------------------------------------------------ state

    int count() {
        return sessions.size();
    }

    /** Forgets every session; returns how many there were. */
    int expireAll() {
        int n = sessions.size();
        sessions.clear();
        return n;
    }

    int logins() {
        return logins;
    }

    int loginFailures() {
        return loginFailures;
    }

    void clear() {
        sessions.clear();
        logins = 0;
        loginFailures = 0;
    }

    /** The admin view: {@code sid}, {@code how} it was opened, {@code lastUsed}. */
    List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        sessions.values().forEach(s -> out.add(Map.of("sid", s.sid, "how", s.how, "lastUsed", s.lastUsed.toString())));
        return out;
    }

    // ------------------------------------------------------------------ business calls

    private List<String> presentedSids(MockRequest req) {
        List<String> sids = new ArrayList<>();
        for (String h : List.of("kdservice-sessionid", "SID")) {
            if (req.header(h) != null && !req.header(h).isBlank()) {
                sids.add(req.header(h).trim());
            }
        }
        List<String> cookieHeaders = req.headers().getOrDefault("Cookie", List.of());
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String k = part.substring(0, eq).trim();
                    if (k.equalsIgnoreCase("kdservice-sessionid") || k.equalsIgnoreCase("ASP.NET_SessionId")) {
                        sids.add(part.substring(eq + 1).trim());
                    }
                }
            }
        }
        return sids;
    }

    private Session liveSession(String sid) {
        Session s = sessions.get(sid);
        if (s == null) {
            s = sessions.values().stream().filter(x -> x.aspNetSid.equals(sid)).findFirst().orElse(null);
        }
        if (s == null) {
            return null;
        }
        Duration idle = Duration.between(s.lastUsed, ctx.now());
        if (idle.compareTo(Duration.ofMinutes(config.get().getSessionIdleMinutes())) >= 0) {
            sessions.remove(s.sid);
            return null;
        }
        return s;
    }

    Auth authenticate(MockRequest req) {
        List<String> sids = presentedSids(req);
        for (String sid : sids) {
            Session s = liveSession(sid);
            if (s != null) {
                return new Auth(s, null, null); // a live SID masks the signature headers entirely [O]
            }
        }
        boolean signed = req.header("X-Kd-Appkey") != null || req.header("X-Api-Signature") != null;
        if (!signed) {
            return new Auth(null, null, null);
        }
        if (!sids.isEmpty() && !config.get().isReissueStaleSidWithSignature()) {
            return new Auth(null, null, null);
        }
        return switch (verifySignature(req)) {
            case OK -> {
                Session s = new Session(UUID.randomUUID().toString(), "signature", ctx.now());
                sessions.put(s.sid, s);
                yield new Auth(s, s, null);
            }
            case BAD_ACCT -> new Auth(null, null, MockResponse.text(config.get().getBadAcctIdStatus(),
                    "text/plain;charset=utf-8", "Fail to verify thirty passport"));
            case BAD_CREDENTIALS -> new Auth(null, null, null);
        };
    }

    private SignatureCheck verifySignature(MockRequest req) {
        KingdeeConfig cfg = config.get();
        String appKey = req.header("X-Kd-Appkey");
        String appDataB64 = req.header("X-Kd-Appdata");
        if (appKey == null || appDataB64 == null) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        String appData;
        try {
            appData = new String(Base64.getDecoder().decode(appDataB64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        String[] parts = appData.split(",", -1);
        if (parts.length < 3) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        if (!parts[0].equals(cfg.getAcctId())) {
            return SignatureCheck.BAD_ACCT;
        }
        // orgNum (parts[3]) is signed but not validated [O]
        if (!parts[1].equals(cfg.getUserName()) || !parts[2].trim().equals(String.valueOf(cfg.getLcid()))
                || !appKey.equals(cfg.getAppId())) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        if (!cfg.isVerifySignatures()) {
            return SignatureCheck.OK;
        }
        String kdSignature = KingdeeCrypto.kdHmac(appKey + appData, cfg.getAppSecret());
        if (!KingdeeCrypto.same(kdSignature, req.header("X-Kd-Signature"))) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        int us = appKey.indexOf('_');
        String clientId = us < 0 ? appKey : appKey.substring(0, us);
        String gatewaySecret = KingdeeCrypto.gatewaySecret(us < 0 ? "" : appKey.substring(us + 1));
        String ts = req.header("x-api-timestamp");
        String nonce = req.header("x-api-nonce");
        if (ts == null || nonce == null || !clientId.equals(req.header("X-Api-ClientID"))) {
            return SignatureCheck.BAD_CREDENTIALS;
        }
        // no timestamp window and no nonce-replay check: the real server has neither [O]
        String apiSignature = KingdeeCrypto.kdHmac(KingdeeCrypto.apiSignatureBase(req.path(), nonce, ts), gatewaySecret);
        return KingdeeCrypto.same(apiSignature, req.header("X-Api-Signature")) ? SignatureCheck.OK
                : SignatureCheck.BAD_CREDENTIALS;
    }

    MockResponse withSessionCookies(MockResponse res, Session s) {
        // no expires= attribute: the Python SDK splits Set-Cookie on commas [O]
        return res.withHeaderLines("Set-Cookie", List.of("kdservice-sessionid=" + s.sid + "; path=/",
                "ASP.NET_SessionId=" + s.aspNetSid + "; path=/; HttpOnly"));
    }

    // ------------------------------------------------------------------ logins

    MockResponse login(String method, KingdeeEnvelope env) {
        KingdeeConfig cfg = config.get();
        String acct = env.text(0, "acctID", "acctId");
        String user = env.text(1, "username", "userName");
        String lcid = switch (method) {
            case "ValidateUser" -> env.text(3, "lcid");
            case "LoginByAppSecret" -> env.text(4, "lcid");
            default -> env.text(5, "lcid");
        };
        String error = null;
        int resultType = 1;
        if (!cfg.getAcctId().equals(acct)) {
            error = "数据中心“" + acct + "”不存在"; // [I]
            resultType = -1;
        } else if (!cfg.getUserName().equals(user)) {
            error = "用户名或密码错误";
            resultType = cfg.getBadLoginResultType();
        } else {
            switch (method) {
                case "ValidateUser" -> {
                    if (!cfg.getPassword().equals(env.text(2, "password"))) {
                        error = "用户名或密码错误";
                        resultType = cfg.getBadLoginResultType();
                    }
                }
                case "LoginByAppSecret" -> {
                    if (!cfg.getAppId().equals(env.text(2, "appid", "appId"))
                            || !cfg.getAppSecret().equals(env.text(3, "appsecret", "appSecret"))) {
                        error = "第三方系统登录授权验证失败：应用ID或应用密钥不正确"; // [I]
                        resultType = -1;
                    }
                }
                default -> {
                    if (!signedLoginOk(cfg, env, acct, user)) {
                        error = "第三方系统登录授权验证失败：签名信息不正确"; // [I]
                        resultType = -1;
                    }
                }
            }
        }
        ObjectNode o = ctx.json().createObjectNode();
        if (error != null) {
            loginFailures++;
            o.put("Message", error);
            o.putNull("MessageCode");
            o.put("LoginResultType", resultType);
            o.putNull("Context");
            o.putNull("KDSVCSessionId");
            o.put("IsSuccessByAPI", false);
            o.put("Lcid", 0);
            o.putNull("AccessToken");
            o.putNull("ErrorStackTrace");
            return MockResponse.json(200, o.toString());
        }
        logins++;
        Session s = new Session(UUID.randomUUID().toString(), method, ctx.now());
        sessions.put(s.sid, s);
        o.putNull("Message");
        o.put("MessageCode", "CheckPasswordPolicy");
        o.put("LoginResultType", 1);
        ObjectNode context = o.putObject("Context");
        context.put("UserLocale", "zh-CN");
        context.put("LogLocale", "zh-CN");
        context.put("DBid", cfg.getAcctId());
        context.put("DatabaseType", 3);
        context.put("SessionId", s.aspNetSid);
        context.put("UserId", 100001);
        context.put("UserName", cfg.getUserName());
        context.put("CustomName", cfg.getDataCenterName());
        context.put("DisplayVersion", "9.0.0.20240620");
        context.put("DataCenterName", cfg.getDataCenterName());
        context.put("DataCenterNumber", "demo");
        context.put("UserToken", UUID.randomUUID().toString());
        ObjectNode org = context.putObject("CurrentOrganizationInfo");
        org.put("ID", KingdeeStore.ORG_ID);
        org.put("AcctOrgType", "1");
        org.put("Name", "总部");
        org.putArray("FunctionIds").add(101).add(102).add(103);
        context.put("IsCH_ZH_AutoTrans", false);
        context.put("ClientType", 32);
        context.put("UseLanguages", lcid == null ? "2052" : lcid);
        o.put("KDSVCSessionId", s.sid);
        o.put("IsSuccessByAPI", true);
        o.put("Lcid", 0);
        o.putNull("AccessToken");
        o.putNull("ErrorStackTrace");
        return withSessionCookies(MockResponse.json(200, o.toString()), s);
    }

    /** LoginBySign: the sorted SHA-256 (or SHA-1) sign over acctId, user, appId, secret and timestamp. */
    private boolean signedLoginOk(KingdeeConfig cfg, KingdeeEnvelope env, String acct, String user) {
        String appId = env.text(2, "appid", "appId");
        String ts = env.text(3, "timestamp");
        String sign = env.text(4, "sign");
        boolean ok = cfg.getAppId().equals(appId) && ts != null && KingdeeCrypto.same(
                KingdeeCrypto.loginSign(cfg.getLoginSignAlgorithm(), acct, user, appId, cfg.getAppSecret(), ts), sign);
        if (ok && cfg.getLoginSignMaxSkewSeconds() > 0) {
            try {
                long skew = Math.abs(ctx.now().getEpochSecond() - Long.parseLong(ts));
                ok = skew <= cfg.getLoginSignMaxSkewSeconds();
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        return ok;
    }
}
