package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.imcrm.AccessTokens;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk (钉钉) stand-in, im-crm-apis §1 and §4. One port serves both hosts: the legacy {@code oapi.dingtalk.com}
 * paths ({@code /gettoken}, {@code /topapi/...}, {@code /robot/send}) and the new {@code api.dingtalk.com} paths
 * ({@code /v1.0/...}).
 *
 * <p>Business API: both token styles; work notices ({@code asyncsend_v2} + {@code getsendresult}); custom group
 * robots with sign / keyword / IP security and 20 messages per minute then a 10-minute block; per-app QPS and
 * per-IP bans; interactive cards. As the platform calling the hub: encrypted HTTP event push with re-sends,
 * signed card-button clicks.
 *
 * <p>Own admin paths (besides the shared ones of {@link HttpMock}):
 * <ul>
 *   <li>{@code GET|POST /mock-admin/config} — read / merge {@link DingTalkSettings}</li>
 *   <li>{@code POST /mock-admin/robots} — add or replace a robot
 *       {@code {"accessToken","secret"?,"keywords"?:[],"ipWhitelist"?:[],"disabled"?}}</li>
 *   <li>{@code POST /mock-admin/tokens/expire} — expire every token now (42001 / InvalidAuthentication)</li>
 *   <li>{@code POST /mock-admin/tokens/invalidate} — forget every token (40014)</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/scripted-errors} — {@code {"operation":"asyncsend_v2","errcode":90002,"count":1}}</li>
 *   <li>{@code POST /mock-admin/work-notices/read} — {@code {"taskId":..,"userId":..}} marks a notice read</li>
 *   <li>{@code POST /mock-admin/callback/push} — push an event to the hub, see {@link #pushEvent}</li>
 *   <li>{@code POST /mock-admin/card/click} — click a card button, see {@link #clickCard}</li>
 * </ul>
 */
public class DingTalkMock extends ImCrmMock<DingTalkSettings, String> {

    /** A DingTalk app (internal app credentials). */
    public record App(String appKey, String appSecret, long agentId) {
    }

    /** A custom group robot and its security settings; at least one of secret, keywords, ipWhitelist is set. */
    public record Robot(String name, String accessToken, String secret, List<String> keywords,
                        List<String> ipWhitelist, boolean disabled) {
    }

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Set<String> WORK_NOTICE_TYPES =
            Set.of("text", "image", "voice", "file", "link", "oa", "markdown", "action_card");
    private static final Set<String> ROBOT_TYPES = Set.of("text", "link", "markdown", "actionCard", "feedCard");

    private final AtomicLong taskSeq = new AtomicLong(256_271_667_526L);

    // ---- state, guarded by "this"
    private String corpId = "ding0000demo0corp";
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final List<Map<String, Object>> tokenCalls = new ArrayList<>();
    private final Set<String> users = new LinkedHashSet<>();
    private final Map<Long, Task> tasks = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> messagesPerUser = new LinkedHashMap<>();
    private final Map<String, Set<String>> contentSentToday = new HashMap<>();
    private final Map<String, Robot> robots = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> robotMessages = new LinkedHashMap<>();
    private final Map<String, Long> robotBlockedUntil = new HashMap<>();
    private final Set<String> robotMsgUuids = new LinkedHashSet<>();
    private final Map<String, Long> ipBannedUntil = new HashMap<>();
    private final Map<String, Map<String, Object>> cardCallbackRoutes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> cards = new LinkedHashMap<>();

    private static final class Task {
        final long taskId;
        final String appKey;
        final long agentId;
        final long createdAtMs;
        final JsonNode msg;
        final List<String> delivered = new ArrayList<>();
        final List<String> read = new ArrayList<>();
        final List<String> invalidUsers = new ArrayList<>();
        final List<String> invalidDepts = new ArrayList<>();
        final List<Map<String, Object>> forbidden = new ArrayList<>();

        Task(long taskId, String appKey, long agentId, long createdAtMs, JsonNode msg) {
            this.taskId = taskId;
            this.appKey = appKey;
            this.agentId = agentId;
            this.createdAtMs = createdAtMs;
            this.msg = msg;
        }
    }

    public DingTalkMock() {
        super("dingtalk", DingTalkSettings::new, s -> s.callback);
    }

    @Override
    public int defaultPort() {
        return 18084;
    }

    // ------------------------------------------------------------------ seed, reset, state

    @Override
    protected synchronized void seed(JsonNode data) {
        for (JsonNode s : data.path("staff")) {
            if (s.hasNonNull("dingtalkUserId")) {
                users.add(s.get("dingtalkUserId").asText());
            }
        }
        for (JsonNode r : data.path("robots").path("dingtalk")) {
            List<String> keywords = new ArrayList<>();
            r.path("keywords").forEach(k -> keywords.add(k.asText()));
            if (r.hasNonNull("keyword")) {
                keywords.add(r.get("keyword").asText());
            }
            List<String> ips = new ArrayList<>();
            r.path("ipWhitelist").forEach(k -> ips.add(k.asText()));
            addRobot(new Robot(r.path("name").asText(null), r.path("accessToken").asText(),
                    r.path("secret").asText(null), keywords, ips, r.path("disabled").asBoolean(false)));
        }
        JsonNode own = data.path(name());
        if (own.hasNonNull("corpId")) {
            corpId = own.get("corpId").asText();
        }
        for (JsonNode a : own.path("apps")) {
            apps.put(a.path("appKey").asText(), new App(a.path("appKey").asText(), a.path("appSecret").asText(),
                    a.path("agentId").asLong()));
        }
        seedCallbackSection(own);
    }

    @Override
    protected void clearPlatformState() {
        apps.clear();
        tokenCalls.clear();
        users.clear();
        tasks.clear();
        messagesPerUser.clear();
        contentSentToday.clear();
        robots.clear();
        robotMessages.clear();
        robotBlockedUntil.clear();
        robotMsgUuids.clear();
        ipBannedUntil.clear();
        cardCallbackRoutes.clear();
        cards.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        s.put("corpId", corpId);
        s.put("apps", apps.values().stream().map(a -> Map.of("appKey", a.appKey(), "agentId", a.agentId())).toList());
        List<Map<String, Object>> ts = new ArrayList<>();
        long now = clock.millis();
        for (AccessTokens.Token<String> t : tokens.currentTokens()) {
            ts.add(Map.of("appKey", t.owner(), "accessToken", t.value(), "expiresAtMillis", t.expiresAtMs(),
                    "valid", tokens.isLive(t, now)));
        }
        s.put("tokens", ts);
        s.put("tokenCalls", List.copyOf(tokenCalls));
        s.put("users", List.copyOf(users));
        List<Map<String, Object>> taskViews = new ArrayList<>();
        tasks.values().forEach(t -> taskViews.add(taskView(t)));
        s.put("workNotices", taskViews);
        s.put("messagesPerUser", copyOfLists(messagesPerUser));
        Map<String, Object> robotView = new LinkedHashMap<>();
        for (Robot r : robots.values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", r.name());
            v.put("securityModes", securityModes(r));
            v.put("messages", List.copyOf(robotMessages.getOrDefault(r.accessToken(), List.of())));
            Long until = robotBlockedUntil.get(r.accessToken());
            v.put("blockedUntilMillis", until != null && until > now ? until : null);
            robotView.put(r.accessToken(), v);
        }
        s.put("robots", robotView);
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
        s.put("ipBans", Map.copyOf(ipBannedUntil));
        s.put("cardCallbackRoutes", Map.copyOf(cardCallbackRoutes));
        s.put("cards", Map.copyOf(cards));
    }

    /** Messages robot {@code accessToken} delivered to its group, oldest first. */
    public synchronized List<Map<String, Object>> robotMessages(String accessToken) {
        return List.copyOf(robotMessages.getOrDefault(accessToken, List.of()));
    }

    /** Work notices delivered to {@code userId}, oldest first. */
    public synchronized List<Map<String, Object>> messagesTo(String userId) {
        return List.copyOf(messagesPerUser.getOrDefault(userId, List.of()));
    }

    /** Adds or replaces a custom robot. */
    public synchronized void addRobot(Robot robot) {
        robots.put(robot.accessToken(), robot);
    }

    /** Adds or replaces an app. */
    public synchronized void addApp(App app) {
        apps.put(app.appKey(), app);
    }

    private static List<String> securityModes(Robot r) {
        List<String> modes = new ArrayList<>();
        if (r.secret() != null && !r.secret().isEmpty()) {
            modes.add("sign");
        }
        if (!r.keywords().isEmpty()) {
            modes.add("keyword");
        }
        if (!r.ipWhitelist().isEmpty()) {
            modes.add("ip");
        }
        return modes;
    }

    // ------------------------------------------------------------------ routing

    @Override
    protected String operationOf(MockRequest req) {
        String p = req.path();
        if (p.startsWith("/topapi/message/corpconversation/")) {
            return p.substring("/topapi/message/corpconversation/".length());
        }
        return switch (p) {
            case "/gettoken" -> "gettoken";
            case "/v1.0/oauth2/accessToken" -> "oauth2/accessToken";
            case "/robot/send" -> "robot/send";
            case "/v1.0/card/callbacks/register" -> "card/callbacks/register";
            case "/v1.0/card/instances/createAndDeliver" -> "card/createAndDeliver";
            case "/v1.0/card/instances" -> "card/update";
            default -> p.startsWith("/v1.0/") ? p.substring("/v1.0/".length()) : p.substring(1);
        };
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String p = req.path();
        String op = operationOf(req);
        if (p.equals("/gettoken")) {
            return legacyToken(req);
        }
        if (p.equals("/v1.0/oauth2/accessToken")) {
            return newToken(req);
        }
        if (p.equals("/robot/send")) {
            return robotSend(req);
        }
        boolean newApi = p.startsWith("/v1.0/");
        Gate gate = serverApiGate(req, op, newApi);
        if (gate instanceof Gate.Denied denied) {
            return denied.response();
        }
        String appKey = ((Gate.Allowed) gate).appKey();
        return switch (op) {
            case "asyncsend_v2" -> asyncSend(req, appKey);
            case "getsendresult" -> getSendResult(req, appKey);
            case "card/callbacks/register" -> registerCardCallback(req);
            case "card/createAndDeliver" -> createAndDeliverCard(req);
            case "card/update" -> updateCard(req);
            default -> newApi ? newApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
                    : legacy(22, "Invalid method[" + p + "]");
        };
    }

    // ------------------------------------------------------------------ tokens (§1.1)

    private MockResponse legacyToken(MockRequest req) {
        String appKey = req.query().get("appkey");
        String secret = req.query().get("appsecret");
        synchronized (this) {
            App app = appKey == null ? null : apps.get(appKey);
            if (app == null || !app.appSecret().equals(secret)) {
                recordTokenCall("legacy", appKey, "40089");
                return legacy(40089, "不合法的corpId或corpSecret");
            }
            AccessTokens.Token<String> t = issueToken(app);
            recordTokenCall("legacy", appKey, "ok");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errcode", 0);
            body.put("access_token", t.value());
            body.put("errmsg", "ok");
            body.put("expires_in", settings.tokenTtlSeconds);
            return MockResponse.json(200, toJson(body));
        }
    }

    private MockResponse newToken(MockRequest req) {
        JsonNode body = readJsonOrNull(req);
        if (body == null || !body.isObject()) {
            recordTokenCall("new", null, "400 body is mandatory");
            return newApiError(400, "MissingBody", "body is mandatory for this action.");
        }
        String appKey = body.path("appKey").asText(null);
        synchronized (this) {
            App app = appKey == null ? null : apps.get(appKey);
            if (app == null || !app.appSecret().equals(body.path("appSecret").asText(null))) {
                recordTokenCall("new", appKey, "400 invalidClientIdOrSecret");
                return newApiError(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
            }
            AccessTokens.Token<String> t = issueToken(app);
            recordTokenCall("new", appKey, "ok");
            return MockResponse.json(200, toJson(Map.of("accessToken", t.value(), "expireIn", settings.tokenTtlSeconds)));
        }
    }

    /** Same token while valid (its life extended), a new one after expiry (§1.1). Caller holds the lock. */
    private AccessTokens.Token<String> issueToken(App app) {
        long now = clock.millis();
        long expires = now + settings.tokenTtlSeconds * 1000;
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
        synchronized (this) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("style", style);
            c.put("appKey", appKey);
            c.put("atMillis", clock.millis());
            c.put("outcome", outcome);
            tokenCalls.add(c);
        }
    }

    // ------------------------------------------------------------------ server-API gate: IP ban, token, QPS

    private sealed interface Gate {
        record Allowed(String appKey) implements Gate {
        }

        record Denied(MockResponse response) implements Gate {
        }
    }

    private Gate serverApiGate(MockRequest req, String op, boolean newApi) {
        DingTalkSettings cfg = settings;
        long now = clock.millis();
        String ip = req.clientIp() == null ? "unknown" : req.clientIp();
        synchronized (this) {
            Long banned = ipBannedUntil.get(ip);
            if (banned != null && banned > now) {
                return new Gate.Denied(ipBanAnswer(cfg));
            }
            if (!limiter.tryAcquire("ip:" + ip, now, cfg.ipCallsPerWindow, cfg.ipWindowMs)) {
                ipBannedUntil.put(ip, now + Duration.ofMinutes(cfg.ipBanMinutes).toMillis());
                recordRejection("ipBan", ip, op, "ban " + cfg.ipBanMinutes + " min");
                return new Gate.Denied(ipBanAnswer(cfg));
            }
            String token = newApi ? req.header("x-acs-dingtalk-access-token") : req.query().get("access_token");
            if (token == null || token.isEmpty()) {
                return new Gate.Denied(newApi ? invalidAuthentication() : legacy(41001, "缺少access_token参数"));
            }
            AccessTokens.Token<String> t = tokens.find(token);
            if (t == null) {
                return new Gate.Denied(newApi ? invalidAuthentication()
                        : tokens.wasRetired(token) ? legacy(42001, "access_token超时")
                        : legacy(40014, "不合法的access_token"));
            }
            if (t.expiresAtMs() <= now) {
                return new Gate.Denied(newApi ? invalidAuthentication() : legacy(42001, "access_token超时"));
            }
            var code = scripted.next(op);
            if (code.isPresent()) {
                return new Gate.Denied(newApi ? newApiErrorFor(code.get()) : legacy(code.get(), legacyMessage(code.get())));
            }
            if (!limiter.tryAcquire("qps:" + t.owner() + ":" + op, now, cfg.qpsPerAppAndApi, cfg.qpsWindowMs)) {
                recordRejection("qps", t.owner(), op, "90018");
                return new Gate.Denied(newApi ? newApiErrorFor(90018) : legacy(90018, legacyMessage(90018)));
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
        return MockResponse.json(cfg.ipBanHttpStatus, toJson(Map.of("status", 1111, "wait", 5, "source", "x5",
                "punish", "deny", "uuid", UUID.randomUUID().toString())));
    }

    private static String legacyMessage(int code) {
        return switch (code) {
            case -1 -> "系统繁忙";
            case 40014 -> "不合法的access_token";
            case 42001 -> "access_token超时";
            case 60011 -> "没有调用该接口的权限";
            case 60020 -> "访问ip不在白名单之中";
            case 88 -> "鉴权异常";
            case 90001 -> "您的服务器调用钉钉开放平台所有接口的请求都被暂时禁用了";
            case 90002 -> "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了";
            case 90018 -> "当前企业调用该接口的QPS超过阈值，请降低调用频率";
            case 90020 -> "当前企业调用接口的月度次数超过限制";
            default -> "mock scripted error " + code;
        };
    }

    private MockResponse legacy(int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", code);
        body.put("errmsg", msg);
        body.put("request_id", requestId());
        return MockResponse.json(200, toJson(body));
    }

    private MockResponse invalidAuthentication() {
        return newApiError(400, "InvalidAuthentication", "不合法的access_token");
    }

    private MockResponse newApiErrorFor(int legacyCode) {
        return switch (legacyCode) {
            case 90018 -> newApiError(403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "应用调用该接口的请求数超过限流阈值");
            case 90002 -> newApiError(403, "Forbidden.AccessDenied.QpsLimitForApi", "该接口的总请求数超过限流阈值");
            case 90020 -> newApiError(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "企业调用接口的月度次数超过限制");
            case 60020 -> newApiError(403, "Forbidden.AccessDenied.IpNotInWhiteList", "访问ip不在白名单之中");
            case 60011 -> newApiError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "没有调用该接口的权限");
            case 40014, 42001, 41001 -> invalidAuthentication();
            case -1 -> newApiError(500, "ServiceUnavailable", "系统繁忙");
            default -> newApiError(400, String.valueOf(legacyCode), "mock scripted error " + legacyCode);
        };
    }

    private MockResponse newApiError(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("requestid", UUID.randomUUID().toString().toUpperCase());
        body.put("message", message);
        return MockResponse.json(status, toJson(body));
    }

    private static String requestId() {
        return WxCallbackCrypto.randomAlphanumeric(12).toLowerCase();
    }

    // ------------------------------------------------------------------ work notices (§1.3)

    /** Reads a JSON body, or a form body whose {@code msg} is a JSON string (the doc's curl example). */
    private ObjectNode readJsonOrForm(MockRequest req) throws Exception {
        String ct = String.valueOf(req.header("Content-Type")).toLowerCase();
        if (ct.contains("application/x-www-form-urlencoded")) {
            ObjectNode o = json.createObjectNode();
            for (String pair : req.bodyText().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                o.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return o;
        }
        JsonNode n = json.readTree(req.body());
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        return (ObjectNode) n;
    }

    private MockResponse asyncSend(MockRequest req, String appKey) {
        ObjectNode body;
        JsonNode msg;
        try {
            body = readJsonOrForm(req);
            msg = body.get("msg");
            if (msg != null && msg.isTextual()) {
                msg = json.readTree(msg.asText());
            }
        } catch (Exception e) {
            return legacy(40035, "不合法的参数");
        }
        if (!body.hasNonNull("agent_id")) {
            return legacy(40035, "缺少参数 agent_id");
        }
        if (msg == null || !msg.isObject()) {
            return legacy(40035, "缺少参数 msg");
        }
        String msgtype = msg.path("msgtype").asText("");
        if (!WORK_NOTICE_TYPES.contains(msgtype) || !msg.has(msgtype)) {
            return legacy(40035, "不合法的参数 msgtype");
        }
        long agentId = body.get("agent_id").asLong();
        List<String> userIds = splitCsv(body.path("userid_list").asText(""));
        List<String> deptIds = splitCsv(body.path("dept_id_list").asText(""));
        boolean toAll = body.path("to_all_user").asBoolean(false) || "true".equals(body.path("to_all_user").asText());
        if (userIds.size() > 100 || deptIds.size() > 20) {
            return legacy(40035, "userid_list最多100个, dept_id_list最多20个");
        }
        if (!toAll && userIds.isEmpty() && deptIds.isEmpty()) {
            return legacy(40035, "缺少参数 userid_list");
        }
        DingTalkSettings cfg = settings;
        synchronized (this) {
            App app = apps.get(appKey);
            if (app == null || app.agentId() != agentId) {
                return legacy(40056, "不合法的agentid");
            }
            long now = clock.millis();
            Task task = new Task(taskSeq.incrementAndGet(), appKey, agentId, now, msg);
            Set<String> recipients = new LinkedHashSet<>(toAll ? users : userIds);
            task.invalidDepts.addAll(deptIds); // departments are not modelled: every dept id is reported invalid
            String contentKey = msg.toString();
            String today = LocalDate.ofInstant(clock.instant(), CHINA).toString();
            for (String u : recipients) {
                if (!users.contains(u)) {
                    task.invalidUsers.add(u);
                    continue;
                }
                Set<String> sentToday = contentSentToday.computeIfAbsent(u + "|" + today, k -> new LinkedHashSet<>());
                if (sentToday.contains(contentKey)) {
                    task.forbidden.add(forbiddenEntry("143106", u));
                    recordRejection("workNoticeDuplicate", u, "asyncsend_v2", "143106");
                    continue;
                }
                long todayCount = messagesPerUser.getOrDefault(u, List.of()).stream()
                        .filter(m -> today.equals(m.get("day"))).count();
                if (todayCount >= cfg.workNoticeDailyCapPerUser) {
                    task.forbidden.add(forbiddenEntry("143105", u));
                    recordRejection("workNoticeDailyCap", u, "asyncsend_v2", "143105");
                    continue;
                }
                if (!limiter.tryAcquire("recipients:" + appKey, now, cfg.workNoticeRecipientsPerAppPerMinute, 60_000)) {
                    task.forbidden.add(forbiddenEntry("143103", u));
                    recordRejection("workNoticeAppRecipients", u, "asyncsend_v2", "143103");
                    continue;
                }
                sentToday.add(contentKey);
                task.delivered.add(u);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("taskId", task.taskId);
                m.put("agentId", agentId);
                m.put("msgtype", msgtype);
                m.put("msg", json.convertValue(msg, Map.class));
                m.put("atMillis", now);
                m.put("day", today);
                messagesPerUser.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
            }
            tasks.put(task.taskId, task);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            out.put("task_id", task.taskId);
            out.put("request_id", requestId());
            return MockResponse.json(200, toJson(out));
        }
    }

    private static Map<String, Object> forbiddenEntry(String code, String userId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        f.put("count", 1);
        f.put("userid", userId);
        return f;
    }

    private static List<String> splitCsv(String s) {
        return splitList(s, ",");
    }

    private MockResponse getSendResult(MockRequest req, String appKey) {
        ObjectNode body;
        try {
            body = readJsonOrForm(req);
        } catch (Exception e) {
            return legacy(40035, "不合法的参数");
        }
        if (!body.hasNonNull("task_id") || !body.hasNonNull("agent_id")) {
            return legacy(40035, "缺少参数 task_id 或 agent_id");
        }
        synchronized (this) {
            Task t = tasks.get(body.get("task_id").asLong());
            long maxAge = Duration.ofHours(settings.sendResultRetentionHours).toMillis();
            if (t == null || !t.appKey.equals(appKey) || t.agentId != body.get("agent_id").asLong()
                    || clock.millis() - t.createdAtMs > maxAge) {
                return legacy(40035, "不合法的参数 task_id");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            out.put("send_result", sendResult(t));
            out.put("request_id", requestId());
            return MockResponse.json(200, toJson(out));
        }
    }

    private static Map<String, Object> sendResult(Task t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("invalid_user_id_list", List.copyOf(t.invalidUsers));
        r.put("forbidden_user_id_list", t.forbidden.stream().map(f -> f.get("userid")).toList());
        r.put("failed_user_id_list", List.of());
        r.put("read_user_id_list", List.copyOf(t.read));
        r.put("unread_user_id_list", t.delivered.stream().filter(u -> !t.read.contains(u)).toList());
        r.put("invalid_dept_id_list", List.copyOf(t.invalidDepts));
        r.put("forbidden_list", List.copyOf(t.forbidden));
        return r;
    }

    private Map<String, Object> taskView(Task t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("taskId", t.taskId);
        v.put("appKey", t.appKey);
        v.put("agentId", t.agentId);
        v.put("createdAtMillis", t.createdAtMs);
        v.put("msg", json.convertValue(t.msg, Map.class));
        v.put("delivered", List.copyOf(t.delivered));
        v.put("sendResult", sendResult(t));
        return v;
    }

    // ------------------------------------------------------------------ custom robots (§1.4)

    private MockResponse robotSend(MockRequest req) {
        DingTalkSettings cfg = settings;
        String ct = req.header("Content-Type");
        if (ct == null || !ct.toLowerCase().contains("application/json")) {
            return robotAnswer(43004, "无效的HTTP HEADER Content-Type");
        }
        String accessToken = req.query().get("access_token");
        Robot robot;
        synchronized (this) {
            robot = accessToken == null ? null : robots.get(accessToken);
        }
        if (robot == null) {
            return robotAnswer(cfg.robotUnknownTokenErrcode,
                    cfg.robotUnknownTokenErrcode == 400101 ? "access_token不存在" : "token is not exist");
        }
        if (robot.disabled()) {
            return robotAnswer(400102, "机器人已停用");
        }
        JsonNode body = readJsonOrNull(req);
        if (body == null || !body.isObject() || !body.hasNonNull("msgtype")) {
            return robotAnswer(40035, "缺少参数 json");
        }
        String msgtype = body.get("msgtype").asText();
        if (!ROBOT_TYPES.contains(msgtype)) {
            return robotAnswer(400105, "不支持的消息类型");
        }
        if (!body.has(msgtype)) {
            return robotAnswer(40035, "缺少参数 " + msgtype);
        }
        String securityFailure = securityCheck(robot, req, body, msgtype);
        if (securityFailure != null) {
            return robotAnswer(310000, decorate(securityFailure, cfg));
        }
        long now = clock.millis();
        synchronized (this) {
            Long blockedUntil = robotBlockedUntil.get(accessToken);
            if (blockedUntil != null && blockedUntil > now) {
                recordRejection("robotBlocked", accessToken, "robot/send", String.valueOf(cfg.robotRateLimitErrcode));
                return robotRateLimited(cfg);
            }
            String msgUuid = body.path("msgUuid").asText(null);
            if (msgUuid != null && robotMsgUuids.contains(accessToken + "|" + msgUuid)) {
                return robotOk(cfg); // idempotent re-send: already delivered once
            }
            if (!limiter.tryAcquire("robot:" + accessToken, now, cfg.robotMessagesPerMinute, 60_000)) {
                robotBlockedUntil.put(accessToken, now + Duration.ofMinutes(cfg.robotBlockMinutes).toMillis());
                recordRejection("robotRate", accessToken, "robot/send", String.valueOf(cfg.robotRateLimitErrcode));
                return robotRateLimited(cfg);
            }
            if (msgUuid != null) {
                robotMsgUuids.add(accessToken + "|" + msgUuid);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgtype", msgtype);
            m.put("body", json.convertValue(body, Map.class));
            m.put("msgUuid", msgUuid);
            m.put("atMillis", now);
            robotMessages.computeIfAbsent(accessToken, k -> new ArrayList<>()).add(m);
        }
        return robotOk(cfg);
    }

    /** The failing check's errmsg (im-crm §1.4, §4.3 item 9), or null when every configured mode passes. */
    private String securityCheck(Robot robot, MockRequest req, JsonNode body, String msgtype) {
        if (!robot.ipWhitelist().isEmpty()) {
            String ip = req.clientIp();
            if (robot.ipWhitelist().stream().noneMatch(rule -> IpRules.matches(rule, ip))) {
                return "ip " + ip + " not in whitelist";
            }
        }
        if (robot.secret() != null && !robot.secret().isEmpty()) {
            String ts = req.query().get("timestamp");
            long tsMs;
            try {
                tsMs = Long.parseLong(ts);
            } catch (Exception e) {
                return "invalid timestamp";
            }
            if (Math.abs(clock.millis() - tsMs) > settings.robotTimestampSkewMs) {
                return "invalid timestamp";
            }
            // the real server form-decodes the query: an un-encoded '+' of the Base64 sign becomes a space
            String sign = req.formDecodedQueryParam("sign");
            if (sign == null || !sign.equals(robotSign(robot.secret(), ts))) {
                return "sign not match";
            }
        }
        if (!robot.keywords().isEmpty()) {
            String text = robotText(body, msgtype);
            if (robot.keywords().stream().noneMatch(text::contains)) {
                return "keywords not in content";
            }
        }
        return null;
    }

    /** Base64(HMAC-SHA256(key = secret, msg = timestamp + "\n" + secret)), not URL-encoded. */
    public static String robotSign(String secret, String timestampMs) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, timestampMs + "\n" + secret));
    }

    /** Base64(HMAC-SHA256(key = apiSecret, msg = decimal timestamp)): the card callback's x-ddpaas-signature. */
    public static String cardSignature(String apiSecret, String timestampMs) {
        return Base64.getEncoder().encodeToString(hmacSha256(apiSecret, timestampMs));
    }

    private static byte[] hmacSha256(String key, String msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text the keyword check looks at: every human-readable field of the payload. */
    private static String robotText(JsonNode body, String msgtype) {
        JsonNode p = body.get(msgtype);
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("content", "title", "text", "singleTitle")) {
            sb.append(p.path(f).asText("")).append('\n');
        }
        p.path("btns").forEach(b -> sb.append(b.path("title").asText("")).append('\n'));
        p.path("links").forEach(l -> sb.append(l.path("title").asText("")).append('\n'));
        return sb.toString();
    }

    private static String decorate(String failure, DingTalkSettings cfg) {
        return "legacy".equalsIgnoreCase(cfg.robotErrmsgStyle)
                ? failure + ", more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]" : failure;
    }

    private MockResponse robotRateLimited(DingTalkSettings cfg) {
        return cfg.robotRateLimitErrcode == 130101
                ? robotAnswer(130101, "send too fast, exceed 20 times per minute")
                : robotAnswer(cfg.robotRateLimitErrcode, "发送速度太快而限流");
    }

    private MockResponse robotOk(DingTalkSettings cfg) {
        return MockResponse.json(200, cfg.robotSuccessErrcodeAsString ? "{\"errcode\":\"0\",\"errmsg\":\"ok\"}"
                : "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private MockResponse robotAnswer(int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", code);
        body.put("errmsg", msg);
        return MockResponse.json(200, toJson(body));
    }

    // ------------------------------------------------------------------ interactive cards (§1.6)

    private MockResponse registerCardCallback(MockRequest req) {
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.hasNonNull("callbackUrl") || !b.hasNonNull("callbackRouteKey")) {
            return newApiError(400, "MissingcallbackUrl", "callbackUrl and callbackRouteKey are mandatory for this action.");
        }
        String key = b.get("callbackRouteKey").asText();
        synchronized (this) {
            Map<String, Object> existing = cardCallbackRoutes.get(key);
            if (existing == null || b.path("forceUpdate").asBoolean(false)) {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("callbackUrl", b.get("callbackUrl").asText());
                route.put("apiSecret", b.path("apiSecret").asText(null));
                cardCallbackRoutes.put(key, route);
                existing = route;
            }
            Map<String, Object> result = new LinkedHashMap<>(existing);
            return MockResponse.json(200, toJson(Map.of("success", true, "result", result)));
        }
    }

    private MockResponse createAndDeliverCard(MockRequest req) {
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.hasNonNull("outTrackId")) {
            return newApiError(400, "MissingoutTrackId", "outTrackId is mandatory for this action.");
        }
        if (!b.hasNonNull("cardTemplateId")) {
            return newApiError(400, "MissingcardTemplateId", "cardTemplateId is mandatory for this action.");
        }
        String outTrackId = b.get("outTrackId").asText();
        synchronized (this) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("outTrackId", outTrackId);
            card.put("cardTemplateId", b.get("cardTemplateId").asText());
            card.put("callbackType", b.path("callbackType").asText("STREAM"));
            card.put("callbackRouteKey", b.path("callbackRouteKey").asText(null));
            card.put("openSpaceId", b.path("openSpaceId").asText(null));
            card.put("cardData", json.convertValue(b.path("cardData"), Object.class));
            card.put("updates", new ArrayList<>());
            card.put("createdAtMillis", clock.millis());
            cards.put(outTrackId, card);
        }
        Map<String, Object> deliver = new LinkedHashMap<>();
        deliver.put("spaceType", spaceTypeOf(b.path("openSpaceId").asText("")));
        deliver.put("spaceId", b.path("openSpaceId").asText(""));
        deliver.put("success", true);
        deliver.put("carrierId", "carrier-" + outTrackId);
        return MockResponse.json(200, toJson(Map.of("success", true,
                "result", Map.of("outTrackId", outTrackId, "deliverResults", List.of(deliver)))));
    }

    /** {@code dtv1.card//IM_ROBOT.userId;} → {@code IM_ROBOT}. */
    private static String spaceTypeOf(String openSpaceId) {
        int start = openSpaceId.indexOf("//");
        int dot = start < 0 ? -1 : openSpaceId.indexOf('.', start + 2);
        return dot > 0 ? openSpaceId.substring(start + 2, dot) : "IM_ROBOT";
    }

    @SuppressWarnings("unchecked")
    private MockResponse updateCard(MockRequest req) {
        if (!"PUT".equals(req.method())) {
            return newApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        JsonNode b = readJsonOrNull(req);
        if (b == null || !b.hasNonNull("outTrackId")) {
            return newApiError(400, "MissingoutTrackId", "outTrackId is mandatory for this action.");
        }
        synchronized (this) {
            Map<String, Object> card = cards.get(b.get("outTrackId").asText());
            if (card == null) {
                return newApiError(400, "param.cardNotExist", "卡片不存在"); // [I] code not documented
            }
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("atMillis", clock.millis());
            update.put("body", json.convertValue(b, Map.class));
            ((List<Object>) card.get("updates")).add(update);
            if (b.has("cardData")) {
                card.put("cardData", json.convertValue(b.get("cardData"), Object.class));
            }
        }
        return MockResponse.json(200, "{\"success\":true,\"result\":true}");
    }

    // ------------------------------------------------------------------ the platform calling the hub

    /**
     * Options of one event push; all optional. Fixed {@code random16}/{@code timestamp}/{@code nonce} reproduce
     * the known-answer vectors; {@code tamperSignature} and {@code ownerKey} make the negative cases.
     */
    public record PushOptions(String random16, String timestamp, String nonce, boolean tamperSignature,
                              String ownerKey) {
        public static PushOptions defaults() {
            return new PushOptions(null, null, null, false, null);
        }
    }

    /**
     * Pushes one event to the configured hub URL the way DingTalk's HTTP push does (§1.5): {@code POST
     * url?msg_signature&timestamp&nonce} with {@code {"encrypt":...}}; the reply must be HTTP 200 JSON
     * {@code {msg_signature,timeStamp,nonce,encrypt}} whose decryption is {@code success} with the owner key, within
     * {@link DingTalkSettings.Callback#replyTimeoutMs}. Otherwise the push is re-sent after each of
     * {@link DingTalkSettings.Callback#retryDelaysMs}. Returns the first attempt; later ones show in state.
     */
    public CallbackSender.Attempt pushEvent(JsonNode event, PushOptions options) {
        DingTalkSettings.Callback cb = settings.callback;
        requireCallbackUrl(cb.url);
        WxCallbackCrypto crypto = new WxCallbackCrypto(cb.token, cb.aesKey);
        String plaintext = event.toString();
        String kind = "event:" + event.path("EventType").asText(event.path("eventType").asText("unknown"));
        String owner = options.ownerKey() != null ? options.ownerKey() : cb.ownerKey;
        CallbackSender.Exchange exchange = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = options.timestamp() != null ? options.timestamp() : String.valueOf(clock.millis());
                String nonce = options.nonce() != null ? options.nonce() : WxCallbackCrypto.randomAlphanumeric(8);
                String encrypt = options.random16() != null
                        ? crypto.encrypt(options.random16().getBytes(StandardCharsets.UTF_8), plaintext, owner)
                        : crypto.encrypt(plaintext, owner);
                String sig = crypto.signature(ts, nonce, encrypt);
                if (options.tamperSignature()) {
                    sig = flipLastHexDigit(sig);
                }
                URI uri = URI.create(withQuery(cb.url, "msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce));
                return new CallbackSender.Outgoing("POST", uri, Map.of("Content-Type", "application/json"),
                        toJson(Map.of("encrypt", encrypt)));
            }

            @Override
            public String verify(int status, String body, int attempt) {
                return verifyPushReply(status, body, cb, crypto);
            }
        };
        return sender.deliver(kind, exchange, cb.replyTimeoutMs, cb.retryDelaysMs);
    }

    /** Null when the hub's reply is the encrypted "success" DingTalk expects, else why not. */
    static String verifyPushReply(int status, String body, DingTalkSettings.Callback cb, WxCallbackCrypto crypto) {
        if (status != 200) {
            return "HTTP " + status;
        }
        JsonNode reply = parseJsonOrNull(body);
        if (reply == null || !reply.isObject()) {
            return "HTTP请求结果校验返回字段值失败: reply is not JSON";
        }
        for (String f : List.of("msg_signature", "timeStamp", "nonce", "encrypt")) {
            if (!reply.hasNonNull(f)) {
                return "HTTP请求结果校验返回字段值失败: missing " + f;
            }
        }
        try {
            String msg = crypto.verifyAndDecrypt(reply.get("msg_signature").asText(), reply.get("timeStamp").asText(),
                    reply.get("nonce").asText(), reply.get("encrypt").asText(), cb.ownerKey);
            return "success".equals(msg) ? null : "decrypted reply is '" + msg + "', not 'success'";
        } catch (WxCallbackCrypto.CryptoException e) {
            return e.failure.dingTalkCode + " " + e.getMessage();
        }
    }

    /**
     * Simulates a user clicking a button of an interactive card (§1.6): POSTs {@code actionCallback} to the
     * callback URL registered for the card's route key (or {@code urlOverride}), signed with
     * {@code x-ddpaas-signature} when an apiSecret was registered. {@code signature} is {@code valid},
     * {@code tampered} or {@code none}. No re-sends.
     */
    public CallbackSender.Attempt clickCard(String outTrackId, String userId, JsonNode params, List<String> actionIds,
                                            String signature, String timestampMs, String urlOverride) {
        String url;
        String apiSecret;
        synchronized (this) {
            Map<String, Object> card = cards.get(outTrackId);
            Map<String, Object> route = card == null ? null : cardCallbackRoutes.get((String) card.get("callbackRouteKey"));
            url = urlOverride != null ? urlOverride : route == null ? null : (String) route.get("callbackUrl");
            apiSecret = route == null ? null : (String) route.get("apiSecret");
        }
        if (url == null) {
            throw new IllegalStateException("card " + outTrackId + " has no registered HTTP callback route");
        }
        Map<String, Object> privateData = new LinkedHashMap<>();
        privateData.put("actionIds", actionIds);
        privateData.put("params", json.convertValue(params, Map.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "actionCallback");
        body.put("outTrackId", outTrackId);
        body.put("corpId", corpId);
        body.put("userId", userId);
        body.put("content", toJson(Map.of("cardPrivateData", privateData))); // a JSON string, not an object
        String bodyText = toJson(body);
        String ts = timestampMs != null ? timestampMs : String.valueOf(clock.millis());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (apiSecret != null && !"none".equalsIgnoreCase(signature)) {
            String sig = cardSignature(apiSecret, ts);
            if ("tampered".equalsIgnoreCase(signature)) {
                sig = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
            }
            headers.put("x-ddpaas-signature-timestamp", ts);
            headers.put("x-ddpaas-signature", sig);
        }
        CallbackSender.Exchange exchange = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                return new CallbackSender.Outgoing("POST", URI.create(url), headers, bodyText);
            }

            @Override
            public String verify(int status, String replyBody, int attempt) {
                return status / 100 == 2 ? null : "HTTP " + status;
            }
        };
        return sender.deliver("card:click", exchange, settings.callback.replyTimeoutMs, List.of());
    }

    // ------------------------------------------------------------------ own admin paths

    @Override
    protected MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception {
        switch (subPath) {
            case "robots" -> {
                JsonNode r = json.readTree(req.body());
                addRobot(new Robot(r.path("name").asText(null), r.path("accessToken").asText(),
                        r.path("secret").asText(null),
                        r.has("keywords") ? json.convertValue(r.get("keywords"), new TypeReference<List<String>>() { }) : List.of(),
                        r.has("ipWhitelist") ? json.convertValue(r.get("ipWhitelist"), new TypeReference<List<String>>() { }) : List.of(),
                        r.path("disabled").asBoolean(false)));
                return MockResponse.json(200, "{\"added\":true}");
            }
            case "apps" -> {
                JsonNode a = json.readTree(req.body());
                addApp(new App(a.path("appKey").asText(), a.path("appSecret").asText(), a.path("agentId").asLong()));
                return MockResponse.json(200, "{\"added\":true}");
            }
            case "tokens/invalidate" -> {
                return invalidateAllTokens();
            }
            case "work-notices/read" -> {
                JsonNode b = json.readTree(req.body());
                synchronized (this) {
                    Task t = tasks.get(b.path("taskId").asLong());
                    String u = b.path("userId").asText();
                    if (t == null || !t.delivered.contains(u)) {
                        return MockResponse.json(404, "{\"error\":\"no such delivered notice\"}");
                    }
                    if (!t.read.contains(u)) {
                        t.read.add(u);
                    }
                }
                return MockResponse.json(200, "{\"read\":true}");
            }
            case "callback/push" -> {
                JsonNode b = json.readTree(req.body());
                JsonNode event = b.has("event") ? b.get("event") : b;
                PushOptions o = new PushOptions(b.path("random16").asText(null), b.path("timestamp").asText(null),
                        b.path("nonce").asText(null), b.path("tamperSignature").asBoolean(false),
                        b.path("ownerKey").asText(null));
                return MockResponse.json(200, toJson(pushEvent(event, o)));
            }
            case "card/click" -> {
                JsonNode b = json.readTree(req.body());
                List<String> actionIds = b.has("actionIds")
                        ? json.convertValue(b.get("actionIds"), new TypeReference<List<String>>() { }) : List.of("1");
                return MockResponse.json(200, toJson(clickCard(b.path("outTrackId").asText(),
                        b.path("userId").asText(), b.path("params"), actionIds, b.path("signature").asText("valid"),
                        b.path("timestamp").asText(null), b.path("url").asText(null))));
            }
            default -> {
                return null;
            }
        }
    }
}
