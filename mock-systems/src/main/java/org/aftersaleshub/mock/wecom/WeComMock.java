package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.w3c.dom.Document;

/**
 * WeCom (企业微信) stand-in, im-crm-apis §2 and §4: per-app tokens with early invalidation, {@code message/send}
 * with partial failure, 81013, 30 messages per minute per member (the excess silently dropped and recorded),
 * 45009/45033, {@code update_template_card} with single-use response codes, group robots at 20/min; and, as the
 * platform, URL verification, encrypted XML events and {@code template_card_event} clicks sent to the hub.
 *
 * <p>Own admin paths:
 * <ul>
 *   <li>{@code GET|POST /mock-admin/config} — {@link WeComSettings}</li>
 *   <li>{@code POST /mock-admin/tokens/invalidate} — early invalidation: every token answers 40014</li>
 *   <li>{@code POST /mock-admin/tokens/expire} — every token answers 42001</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/scripted-errors} — e.g. {@code {"operation":"message/send","errcode":45033,"count":1}}</li>
 *   <li>{@code POST /mock-admin/callback/verify-url}, {@code /callback/push}, {@code /card/click}</li>
 * </ul>
 */
public class WeComMock extends ImCrmMock<WeComSettings, WeComMock.App> {

    /** An app (agent) of the corp and its secret. */
    public record App(long agentId, String secret) {
    }

    private static final Set<String> APP_MSG_TYPES = Set.of("text", "image", "voice", "video", "file", "textcard",
            "news", "mpnews", "markdown", "miniprogram_notice", "taskcard", "template_card");
    private static final Set<String> INTERACTIVE_CARDS = Set.of("button_interaction", "vote_interaction",
            "multiple_interaction");
    private static final Set<String> ROBOT_MSG_TYPES = Set.of("text", "markdown", "image", "news", "file",
            "template_card");

    // ---- state, guarded by "this"
    private String corpId = "wwa1b2c3d4e5f60718";
    private final Map<String, App> appsBySecret = new LinkedHashMap<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();
    /** lower-case userid → userid as configured. */
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Set<String> parties = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> unlicensed = new HashSet<>();
    private final Map<String, List<Map<String, Object>>> messagesPerMember = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> droppedPerMember = new LinkedHashMap<>();
    private final List<Map<String, Object>> sentMessages = new ArrayList<>();
    private final Map<String, Long> duplicateGuard = new HashMap<>();
    private final Map<String, Map<String, Object>> responseCodes = new LinkedHashMap<>();
    private final List<Map<String, Object>> cardUpdates = new ArrayList<>();
    private final Map<String, String> robots = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> robotMessages = new LinkedHashMap<>();

    public WeComMock() {
        super("wecom", WeComSettings::new, s -> s.callback);
    }

    @Override
    public int defaultPort() {
        return 18085;
    }

    public String corpId() {
        return corpId;
    }

    // ------------------------------------------------------------------ seed, reset, state

    @Override
    protected synchronized void seed(JsonNode data) {
        for (JsonNode s : data.path("staff")) {
            if (s.hasNonNull("wecomUserId")) {
                String id = s.get("wecomUserId").asText();
                members.put(id.toLowerCase(Locale.ROOT), id);
            }
        }
        for (JsonNode r : data.path("robots").path("wecom")) {
            robots.put(r.path("key").asText(), r.path("name").asText(""));
        }
        JsonNode own = data.path(name());
        if (own.hasNonNull("corpId")) {
            corpId = own.get("corpId").asText();
        }
        for (JsonNode a : own.path("apps")) {
            App app = new App(a.path("agentId").asLong(), a.path("secret").asText());
            appsBySecret.put(app.secret(), app);
        }
        own.path("parties").forEach(p -> parties.add(p.asText()));
        own.path("tags").forEach(t -> tags.add(t.asText()));
        own.path("unlicensedUsers").forEach(u -> unlicensed.add(u.asText().toLowerCase(Locale.ROOT)));
        seedCallbackSection(own);
    }

    @Override
    protected void clearPlatformState() {
        appsBySecret.clear();
        tokenCalls.clear();
        members.clear();
        parties.clear();
        tags.clear();
        unlicensed.clear();
        messagesPerMember.clear();
        droppedPerMember.clear();
        sentMessages.clear();
        duplicateGuard.clear();
        responseCodes.clear();
        cardUpdates.clear();
        robots.clear();
        robotMessages.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        long now = clock.millis();
        s.put("corpId", corpId);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (AccessTokens.Token<App> t : tokens.currentTokens()) {
            ts.add(Map.of("agentId", t.owner().agentId(), "accessToken", t.value(), "expiresAtMillis", t.expiresAtMs(),
                    "valid", tokens.isLive(t, now)));
        }
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
        s.put("members", List.copyOf(members.values()));
        s.put("sentMessages", List.copyOf(sentMessages));
        s.put("messagesPerMember", copyOfLists(messagesPerMember));
        s.put("droppedPerMember", copyOfLists(droppedPerMember));
        s.put("responseCodes", Map.copyOf(responseCodes));
        s.put("cardUpdates", List.copyOf(cardUpdates));
        Map<String, Object> rv = new LinkedHashMap<>();
        robots.forEach((key, name) -> rv.put(key, Map.of("name", name,
                "messages", List.copyOf(robotMessages.getOrDefault(key, List.of())))));
        s.put("robots", rv);
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
    }

    /** App messages delivered to a member (any case), oldest first. */
    public synchronized List<Map<String, Object>> messagesTo(String userId) {
        return List.copyOf(messagesPerMember.getOrDefault(userId.toLowerCase(Locale.ROOT), List.of()));
    }

    /** App messages accepted for a member but silently dropped by the per-member limit. */
    public synchronized List<Map<String, Object>> droppedFor(String userId) {
        return List.copyOf(droppedPerMember.getOrDefault(userId.toLowerCase(Locale.ROOT), List.of()));
    }

    /** Messages a group robot delivered. */
    public synchronized List<Map<String, Object>> robotMessages(String key) {
        return List.copyOf(robotMessages.getOrDefault(key, List.of()));
    }

    // ------------------------------------------------------------------ routing and envelope

    @Override
    protected String operationOf(MockRequest req) {
        String p = req.path();
        return p.startsWith("/cgi-bin/") ? p.substring("/cgi-bin/".length()) : null;
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String op = operationOf(req);
        if (op == null) {
            return MockResponse.text(404, "text/plain", "not found");
        }
        if (op.equals("gettoken")) {
            return getToken(req);
        }
        if (op.equals("webhook/send")) {
            return robotSend(req);
        }
        return switch (op) {
            case "message/send", "message/update_template_card" -> {
                Object gate = gate(req, op);
                if (gate instanceof MockResponse denied) {
                    yield denied;
                }
                App app = (App) gate;
                yield op.equals("message/send") ? messageSend(req, app) : updateTemplateCard(req, app);
            }
            default -> error(req, 48001, "api forbidden");
        };
    }

    /**
     * WeCom's envelope: always HTTP 200, {@code errcode}/{@code errmsg}; a non-zero code's errmsg carries the live
     * suffix {@code , hint: [...], from ip: ..., more info at ...?e=<code>} (§2.1) so clients learn not to parse it.
     */
    private MockResponse error(MockRequest req, int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", code);
        body.put("errmsg", suffixed(req, code, msg));
        return MockResponse.json(200, toJson(body));
    }

    private String suffixed(MockRequest req, int code, String msg) {
        String hint = clock.millis() / 1000 + WxCallbackCrypto.randomAlphanumeric(9).toLowerCase(Locale.ROOT);
        return msg + ", hint: [" + hint + "], from ip: " + req.clientIp()
                + ", more info at https://open.work.weixin.qq.com/devtool/query?e=" + code;
    }

    private static String messageFor(int code) {
        return switch (code) {
            case -1 -> "system busy";
            case 40014 -> "invalid access_token";
            case 42001 -> "access_token expired";
            case 45009 -> "api freq out of limit";
            case 45033 -> "api concurrent out of limit";
            case 48002 -> "api forbidden";
            case 60020 -> "not allow to access from your ip";
            default -> "mock scripted error " + code;
        };
    }

    // ------------------------------------------------------------------ tokens (§2.1)

    private MockResponse getToken(MockRequest req) {
        String corp = req.query().get("corpid");
        String secret = req.query().get("corpsecret");
        var code = scripted.next("gettoken");
        if (code.isPresent()) {
            recordTokenCall(secret, String.valueOf(code.get()));
            return error(req, code.get(), messageFor(code.get()));
        }
        synchronized (this) {
            if (corp == null || corp.isEmpty()) {
                recordTokenCall(secret, "41002");
                return error(req, 41002, "corpid missing");
            }
            if (!corp.equals(corpId)) {
                recordTokenCall(secret, "40013");
                return error(req, 40013, "invalid corpid");
            }
            if (secret == null || secret.isEmpty()) {
                recordTokenCall(secret, "41004");
                return error(req, 41004, "corpsecret missing");
            }
            App app = appsBySecret.get(secret);
            if (app == null) {
                recordTokenCall(secret, "40001");
                return error(req, 40001, "invalid credential");
            }
            long now = clock.millis();
            AccessTokens.Token<App> t = tokens.current(secret);
            if (t == null || !tokens.isLive(t, now)) {
                // the same token while it lives (not extended); afterwards a new one, the old one retired
                t = tokens.issue(secret, WxCallbackCrypto.randomAlphanumeric(64), app, now,
                        now + settings.tokenTtlSeconds * 1000, true);
            }
            recordTokenCall(secret, "ok");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errcode", 0);
            body.put("errmsg", "ok");
            body.put("access_token", t.value());
            body.put("expires_in", (t.expiresAtMs() - now) / 1000);
            return MockResponse.json(200, toJson(body));
        }
    }

    private synchronized void recordTokenCall(String secret, String outcome) {
        App app = secret == null ? null : appsBySecret.get(secret);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("agentId", app == null ? null : app.agentId());
        c.put("atMillis", clock.millis());
        c.put("outcome", outcome);
        tokenCalls.add(c);
    }

    /** Token check, scripted errors and the per-corp API frequency; returns the caller's App or a denial. */
    private Object gate(MockRequest req, String op) {
        String token = req.query().get("access_token");
        synchronized (this) {
            if (token == null || token.isEmpty()) {
                return error(req, 41001, "access_token missing");
            }
            AccessTokens.Token<App> t = tokens.find(token);
            if (t == null) {
                return tokens.wasRetired(token) ? error(req, 42001, "access_token expired")
                        : error(req, 40014, "invalid access_token");
            }
            if (t.expiresAtMs() <= clock.millis()) {
                return error(req, 42001, "access_token expired");
            }
            var code = scripted.next(op);
            if (code.isPresent()) {
                recordRejection("scripted", String.valueOf(t.owner().agentId()), op, code.get());
                return error(req, code.get(), messageFor(code.get()));
            }
            if (!limiter.tryAcquire("api:" + op, clock.millis(), settings.apiCallsPerMinute, 60_000)) {
                recordRejection("apiFrequency", corpId, op, 45009);
                return error(req, 45009, "api freq out of limit");
            }
            return t.owner();
        }
    }

    // ------------------------------------------------------------------ message/send (§2.2)

    private MockResponse messageSend(MockRequest req, App app) {
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return error(req, 47001, "data format error");
        }
        if (!b.hasNonNull("agentid") || b.get("agentid").asLong() != app.agentId()) {
            return error(req, 40056, "invalid agentid");
        }
        String msgtype = b.path("msgtype").asText("");
        MockResponse badContent = checkMessage(req, b, msgtype, APP_MSG_TYPES, 2048);
        if (badContent != null) {
            return badContent;
        }
        String cardType = msgtype.equals("template_card") ? b.path("template_card").path("card_type").asText("") : "";
        long now = clock.millis();
        synchronized (this) {
            List<String> validUsers = new ArrayList<>();
            List<String> invalidUsers = new ArrayList<>();
            List<String> unlicensedUsers = new ArrayList<>();
            String touser = b.path("touser").asText("");
            if (touser.equals("@all")) {
                members.keySet().forEach(u -> (unlicensed.contains(u) ? unlicensedUsers : validUsers).add(u));
            } else {
                for (String u : split(touser)) {
                    String lower = u.toLowerCase(Locale.ROOT); // WeCom userids are case-insensitive; answers lower-case
                    if (!members.containsKey(lower)) {
                        invalidUsers.add(lower);
                    } else if (unlicensed.contains(lower)) {
                        unlicensedUsers.add(lower);
                    } else {
                        validUsers.add(lower);
                    }
                }
            }
            List<String> invalidParties = split(b.path("toparty").asText("")).stream().filter(p -> !parties.contains(p)).toList();
            List<String> validParties = split(b.path("toparty").asText("")).stream().filter(parties::contains).toList();
            List<String> invalidTags = split(b.path("totag").asText("")).stream().filter(t -> !tags.contains(t)).toList();
            List<String> validTags = split(b.path("totag").asText("")).stream().filter(tags::contains).toList();
            if (validUsers.isEmpty() && unlicensedUsers.isEmpty() && validParties.isEmpty() && validTags.isEmpty()) {
                return error(req, 81013, "user & party & tag all invalid");
            }
            String msgid = WxCallbackCrypto.randomAlphanumeric(32);
            boolean duplicate = false;
            if (b.path("enable_duplicate_check").asInt(0) == 1) {
                long interval = b.path("duplicate_check_interval").asLong(settings.duplicateCheckIntervalSeconds) * 1000;
                String key = app.agentId() + "|" + b;
                Long last = duplicateGuard.get(key);
                duplicate = last != null && now - last < interval;
                if (!duplicate) {
                    duplicateGuard.put(key, now);
                }
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("msgid", msgid);
            record.put("agentId", app.agentId());
            record.put("msgtype", msgtype);
            record.put("body", json.convertValue(b, Map.class));
            record.put("atMillis", now);
            record.put("duplicateSuppressed", duplicate);
            List<String> delivered = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            if (!duplicate) {
                for (String u : validUsers) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("msgid", msgid);
                    m.put("msgtype", msgtype);
                    m.put("body", record.get("body"));
                    m.put("atMillis", now);
                    if (limiter.tryAcquire("member:" + u, now, settings.messagesPerMemberPerMinute, 60_000)) {
                        messagesPerMember.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
                        delivered.add(u);
                    } else {
                        droppedPerMember.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
                        dropped.add(u);
                        recordRejection("memberPerMinute", u, "message/send", 0);
                    }
                }
            }
            record.put("deliveredTo", delivered);
            record.put("silentlyDroppedFor", dropped);
            record.put("parties", validParties);
            record.put("tags", validTags);
            sentMessages.add(record);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            putIfNotEmpty(out, "invaliduser", invalidUsers);
            putIfNotEmpty(out, "invalidparty", invalidParties);
            putIfNotEmpty(out, "invalidtag", invalidTags);
            putIfNotEmpty(out, "unlicenseduser", unlicensedUsers);
            out.put("msgid", msgid);
            if (INTERACTIVE_CARDS.contains(cardType)) {
                String code = issueResponseCode(app.agentId(), msgid, b.path("template_card").path("task_id").asText(null));
                out.put("response_code", code);
            }
            return MockResponse.json(200, toJson(out));
        }
    }

    private static void putIfNotEmpty(Map<String, Object> out, String field, List<String> ids) {
        if (!ids.isEmpty()) {
            out.put(field, String.join("|", ids));
        }
    }

    private static List<String> split(String s) {
        return splitList(s, "\\|");
    }

    /**
     * The checks app messages and robot messages share: 40008 for a {@code msgtype} outside {@code allowed} or
     * without its payload; for text and markdown, 44004 when empty and 45002 beyond 2 048 bytes (text) or
     * {@code maxMarkdownBytes} (markdown). {@code null} when the message passes.
     */
    private MockResponse checkMessage(MockRequest req, JsonNode b, String msgtype, Set<String> allowed,
                                      int maxMarkdownBytes) {
        if (!allowed.contains(msgtype) || !b.has(msgtype)) {
            return error(req, 40008, "invalid message type");
        }
        if (msgtype.equals("text") || msgtype.equals("markdown")) {
            String content = b.path(msgtype).path("content").asText("");
            if (content.isEmpty()) {
                return error(req, 44004, "empty content");
            }
            int max = msgtype.equals("text") ? 2048 : maxMarkdownBytes;
            if (content.getBytes(StandardCharsets.UTF_8).length > max) {
                return error(req, 45002, "content size out of limit");
            }
        }
        return null;
    }

    /** A response_code valid for 24 h and usable once. Caller holds the lock. */
    private String issueResponseCode(long agentId, String msgid, String taskId) {
        String code = WxCallbackCrypto.randomAlphanumeric(40);
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("agentId", agentId);
        rc.put("msgid", msgid);
        rc.put("taskId", taskId);
        rc.put("issuedAtMillis", clock.millis());
        rc.put("used", false);
        responseCodes.put(code, rc);
        return code;
    }

    private MockResponse updateTemplateCard(MockRequest req, App app) {
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return error(req, 47001, "data format error");
        }
        if (!b.hasNonNull("agentid") || b.get("agentid").asLong() != app.agentId()) {
            return error(req, 40056, "invalid agentid");
        }
        String code = b.path("response_code").asText("");
        synchronized (this) {
            Map<String, Object> rc = responseCodes.get(code);
            long ttl = Duration.ofHours(settings.responseCodeTtlHours).toMillis();
            if (rc == null || Boolean.TRUE.equals(rc.get("used"))
                    || clock.millis() - (long) rc.get("issuedAtMillis") >= ttl
                    || ((Number) rc.get("agentId")).longValue() != app.agentId()) {
                recordRejection("responseCode", code, "message/update_template_card", settings.invalidResponseCodeErrcode);
                return error(req, settings.invalidResponseCodeErrcode, "invalid response_code");
            }
            rc.put("used", true);
            rc.put("usedAtMillis", clock.millis());
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("responseCode", code);
            u.put("body", json.convertValue(b, Map.class));
            u.put("atMillis", clock.millis());
            cardUpdates.add(u);
        }
        return MockResponse.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    // ------------------------------------------------------------------ group robot (§2.4)

    private MockResponse robotSend(MockRequest req) {
        String key = req.query().get("key");
        synchronized (this) {
            if (key == null || !robots.containsKey(key)) {
                return error(req, 93000, "invalid webhook url");
            }
        }
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return error(req, 40035, "invalid parameter");
        }
        String msgtype = b.path("msgtype").asText("");
        MockResponse badContent = checkMessage(req, b, msgtype, ROBOT_MSG_TYPES, 4096);
        if (badContent != null) {
            return badContent;
        }
        long now = clock.millis();
        synchronized (this) {
            if (!limiter.tryAcquire("robot:" + key, now, settings.robotMessagesPerMinute, 60_000)) {
                recordRejection("robotRate", key, "webhook/send", 45009);
                return error(req, 45009, "api freq out of limit");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgtype", msgtype);
            m.put("body", json.convertValue(b, Map.class));
            m.put("atMillis", now);
            robotMessages.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return MockResponse.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    // ------------------------------------------------------------------ the platform calling the hub (§2.3)

    /** Fixed values for known-answer tests; every field optional. */
    public record SendOptions(String random16, String timestamp, String nonce, boolean tamperSignature) {
        public static SendOptions defaults() {
            return new SendOptions(null, null, null, false);
        }
    }

    private WxCallbackCrypto crypto() {
        return new WxCallbackCrypto(settings.callback.token, settings.callback.aesKey);
    }

    private String callbackUrl() {
        return requireCallbackUrl(settings.callback.url);
    }

    private String encrypt(WxCallbackCrypto crypto, SendOptions o, String plaintext) {
        return o.random16() != null ? crypto.encrypt(o.random16().getBytes(StandardCharsets.UTF_8), plaintext, corpId)
                : crypto.encrypt(plaintext, corpId);
    }

    /**
     * URL verification (§2.3): {@code GET url?msg_signature&timestamp&nonce&echostr} with the echostr URL-encoded;
     * the hub must answer exactly the decrypted plaintext. {@code plaintext} null = a random number string.
     */
    public CallbackSender.Attempt verifyUrl(String plaintext, SendOptions o) {
        String url = callbackUrl();
        WxCallbackCrypto crypto = crypto();
        String echo = plaintext != null ? plaintext : String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        CallbackSender.Exchange ex = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = o.timestamp() != null ? o.timestamp() : String.valueOf(clock.millis() / 1000);
                String nonce = o.nonce() != null ? o.nonce() : String.valueOf(100_000 + (long) (Math.random() * 900_000));
                String echostr = encrypt(crypto, o, echo);
                String sig = crypto.signature(ts, nonce, echostr);
                if (o.tamperSignature()) {
                    sig = flipLastHexDigit(sig);
                }
                URI uri = URI.create(withQuery(url, "msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce
                        + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8)));
                return new CallbackSender.Outgoing("GET", uri, Map.of(), null);
            }

            @Override
            public String verify(int status, String body, int attempt) {
                if (status != 200) {
                    return "HTTP " + status;
                }
                return echo.equals(body) ? null : "reply is not exactly the echostr plaintext: '" + body + "'";
            }
        };
        // URL verification is the admin's "save" click: judged once, not re-sent
        return sender.deliver("verify-url", ex, settings.callback.replyTimeoutMs, List.of());
    }

    /**
     * POSTs an event (decrypted XML {@code plaintextXml}) encrypted the WeCom way to the hub; the reply must be an
     * empty body or an encrypted XML reply with a valid signature. Re-sent per {@link WeComSettings.Callback}.
     */
    public CallbackSender.Attempt pushEvent(String plaintextXml, String kind, SendOptions o) {
        String url = callbackUrl();
        WxCallbackCrypto crypto = crypto();
        String agentId = extract(plaintextXml, "AgentID");
        CallbackSender.Exchange ex = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = o.timestamp() != null ? o.timestamp() : String.valueOf(clock.millis() / 1000);
                String nonce = o.nonce() != null ? o.nonce() : String.valueOf(1_000_000_000L + (long) (Math.random() * 1e9));
                String enc = encrypt(crypto, o, plaintextXml);
                String sig = crypto.signature(ts, nonce, enc);
                if (o.tamperSignature()) {
                    sig = flipLastHexDigit(sig);
                }
                String body = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt><![CDATA[" + enc
                        + "]]></Encrypt><AgentID><![CDATA[" + (agentId == null ? "" : agentId) + "]]></AgentID></xml>";
                return new CallbackSender.Outgoing("POST",
                        URI.create(withQuery(url, "msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce)),
                        Map.of("Content-Type", "text/xml; charset=utf-8"), body);
            }

            @Override
            public String verify(int status, String body, int attempt) {
                return verifyEventReply(status, body, crypto);
            }
        };
        return sender.deliver(kind, ex, settings.callback.replyTimeoutMs, settings.callback.retryDelaysMs);
    }

    private String verifyEventReply(int status, String body, WxCallbackCrypto crypto) {
        if (status != 200) {
            return "HTTP " + status;
        }
        if (body == null || body.isEmpty()) {
            return null; // "received, no reply"
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return "reply is neither empty nor XML";
        }
        String enc = text(doc, "Encrypt");
        String sig = text(doc, "MsgSignature");
        String ts = text(doc, "TimeStamp");
        String nonce = text(doc, "Nonce");
        if (enc == null || sig == null || ts == null || nonce == null) {
            return "encrypted reply lacks Encrypt/MsgSignature/TimeStamp/Nonce";
        }
        try {
            crypto.verifyAndDecrypt(sig, ts, nonce, enc, corpId);
            return null;
        } catch (WxCallbackCrypto.CryptoException e) {
            return e.failure.weComCode + " " + e.getMessage();
        }
    }

    private static String text(Document doc, String tag) {
        var nodes = doc.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** The text of the first {@code <tag>} in a flat XML string (CDATA or not), or null. */
    static String extract(String xml, String tag) {
        int start = xml.indexOf("<" + tag + ">");
        int end = xml.indexOf("</" + tag + ">");
        if (start < 0 || end < start) {
            return null;
        }
        String v = xml.substring(start + tag.length() + 2, end);
        return v.startsWith("<![CDATA[") && v.endsWith("]]>") ? v.substring(9, v.length() - 3) : v;
    }

    /**
     * A member clicks a button of an interactive template card (§2.3): sends a {@code template_card_event} whose
     * fresh {@code ResponseCode} the hub may use once, within 24 h, in {@code update_template_card}.
     */
    public CallbackSender.Attempt clickTemplateCard(String userId, String eventKey, String taskId, String cardType,
                                                    long agentId) {
        String code;
        synchronized (this) {
            code = issueResponseCode(agentId, null, taskId);
        }
        String xml = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[" + userId
                + "]]></FromUserName><CreateTime>" + clock.millis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey>"
                + "<TaskId><![CDATA[" + taskId + "]]></TaskId><CardType><![CDATA[" + cardType + "]]></CardType>"
                + "<ResponseCode><![CDATA[" + code + "]]></ResponseCode><AgentID>" + agentId + "</AgentID></xml>";
        return pushEvent(xml, "event:template_card_event", SendOptions.defaults());
    }

    /** An approval changes state (§2.3 {@code sys_approval_change}). */
    public CallbackSender.Attempt approvalChange(String userId, String spNo, String spName, int spStatus, long agentId) {
        String xml = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + clock.millis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[sys_approval_change]]></Event><AgentID>" + agentId + "</AgentID><ApprovalInfo>"
                + "<SpNo>" + spNo + "</SpNo><SpName><![CDATA[" + spName + "]]></SpName><SpStatus>" + spStatus + "</SpStatus>"
                + "<TemplateId><![CDATA[aftersales-parts]]></TemplateId><ApplyTime>" + clock.millis() / 1000 + "</ApplyTime>"
                + "<Applyer><UserId><![CDATA[" + userId + "]]></UserId></Applyer></ApprovalInfo></xml>";
        return pushEvent(xml, "event:sys_approval_change", SendOptions.defaults());
    }

    // ------------------------------------------------------------------ own admin paths

    @Override
    protected MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception {
        switch (subPath) {
            case "tokens/invalidate" -> {
                return invalidateAllTokens();
            }
            case "callback/verify-url" -> {
                JsonNode b = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
                return MockResponse.json(200, toJson(verifyUrl(b.path("plaintext").asText(null), options(b))));
            }
            case "callback/push" -> {
                JsonNode b = json.readTree(req.body());
                String xml = b.path("xml").asText(null);
                if (xml == null) {
                    throw new IllegalArgumentException("callback/push needs \"xml\" (the decrypted event XML)");
                }
                String event = extract(xml, "Event");
                String kind = "event:" + (event != null ? event : extract(xml, "MsgType"));
                return MockResponse.json(200, toJson(pushEvent(xml, kind, options(b))));
            }
            case "card/click" -> {
                JsonNode b = json.readTree(req.body());
                return MockResponse.json(200, toJson(clickTemplateCard(b.path("userId").asText(),
                        b.path("eventKey").asText(), b.path("taskId").asText(""),
                        b.path("cardType").asText("button_interaction"), b.path("agentId").asLong(1000002))));
            }
            case "callback/approval" -> {
                JsonNode b = json.readTree(req.body());
                return MockResponse.json(200, toJson(approvalChange(b.path("userId").asText(),
                        b.path("spNo").asText(), b.path("spName").asText("备件申领"), b.path("spStatus").asInt(2),
                        b.path("agentId").asLong(1000002))));
            }
            default -> {
                return null;
            }
        }
    }

    private static SendOptions options(JsonNode b) {
        return new SendOptions(b.path("random16").asText(null), b.path("timestamp").asText(null),
                b.path("nonce").asText(null), b.path("tamperSignature").asBoolean(false));
    }
}
