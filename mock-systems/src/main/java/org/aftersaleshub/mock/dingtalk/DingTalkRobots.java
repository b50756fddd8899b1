package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk custom group robots (docs/vendor-apis/dingtalk.md §5, §9.3): {@code /robot/send} with sign, keyword and
 * IP-whitelist security (errcode 310000 naming the failing check), 20 messages a minute then a 10-minute block,
 * idempotent re-sends by {@code msgUuid}, and the messages each robot delivered. State guarded by the mock's lock.
 */
final class DingTalkRobots {

    private static final Set<String> ROBOT_TYPES = Set.of("text", "link", "markdown", "actionCard", "feedCard");

    private final ImCrmContext<DingTalkSettings, String> p;
    private final Map<String, DingTalkMock.Robot> robots = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> robotMessages = new LinkedHashMap<>();
    private final Map<String, Long> robotBlockedUntil = new HashMap<>();
    private final Set<String> robotMsgUuids = new LinkedHashSet<>();

    DingTalkRobots(ImCrmContext<DingTalkSettings, String> platform) {
        this.p = platform;
    }

    /** Adds or replaces a robot. Caller holds the lock. */
    void add(DingTalkMock.Robot robot) {
        robots.put(robot.accessToken(), robot);
    }

    /** Messages robot {@code accessToken} delivered to its group, oldest first. Caller holds the lock. */
    List<Map<String, Object>> messages(String accessToken) {
        return List.copyOf(robotMessages.getOrDefault(accessToken, List.of()));
    }

    void clear() {
        robots.clear();
        robotMessages.clear();
        robotBlockedUntil.clear();
        robotMsgUuids.clear();
    }

    /** The {@code robots} of the state snapshot: per access token its modes, messages and block. Lock held. */
    Map<String, Object> view(long now) {
        Map<String, Object> robotView = new LinkedHashMap<>();
        for (DingTalkMock.Robot r : robots.values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", r.name());
            v.put("securityModes", securityModes(r));
            v.put("messages", List.copyOf(robotMessages.getOrDefault(r.accessToken(), List.of())));
            Long until = robotBlockedUntil.get(r.accessToken());
            v.put("blockedUntilMillis", until != null && until > now ? until : null);
            robotView.put(r.accessToken(), v);
        }
        return robotView;
    }

    private static List<String> securityModes(DingTalkMock.Robot r) {
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

    MockResponse send(MockRequest req) {
        DingTalkSettings cfg = p.settings();
        String ct = req.header("Content-Type");
        if (ct == null || !ct.toLowerCase().contains("application/json")) {
            return robotAnswer(43004, "无效的HTTP HEADER Content-Type");
        }
        String accessToken = req.query().get("access_token");
        DingTalkMock.Robot robot;
        synchronized (p.lock()) {
            robot = accessToken == null ? null : robots.get(accessToken);
        }
        if (robot == null) {
            return robotAnswer(cfg.robotUnknownTokenErrcode,
                    cfg.robotUnknownTokenErrcode == 400101 ? "access_token不存在" : "token is not exist");
        }
        if (robot.disabled()) {
            return robotAnswer(400102, "机器人已停用");
        }
        JsonNode body = p.readJsonOrNull(req);
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
        long now = p.millis();
        synchronized (p.lock()) {
            Long blockedUntil = robotBlockedUntil.get(accessToken);
            if (blockedUntil != null && blockedUntil > now) {
                p.recordRejection("robotBlocked", accessToken, "robot/send", String.valueOf(cfg.robotRateLimitErrcode));
                return robotRateLimited(cfg);
            }
            String msgUuid = body.path("msgUuid").asText(null);
            if (msgUuid != null && robotMsgUuids.contains(accessToken + "|" + msgUuid)) {
                return robotOk(cfg); // idempotent re-send: already delivered once
            }
            if (!p.limiter().tryAcquire("robot:" + accessToken, now, cfg.robotMessagesPerMinute, 60_000)) {
                robotBlockedUntil.put(accessToken, now + Duration.ofMinutes(cfg.robotBlockMinutes).toMillis());
                p.recordRejection("robotRate", accessToken, "robot/send", String.valueOf(cfg.robotRateLimitErrcode));
                return robotRateLimited(cfg);
            }
            if (msgUuid != null) {
                robotMsgUuids.add(accessToken + "|" + msgUuid);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgtype", msgtype);
            m.put("body", p.json().convertValue(body, Map.class));
            m.put("msgUuid", msgUuid);
            m.put("atMillis", now);
            robotMessages.computeIfAbsent(accessToken, k -> new ArrayList<>()).add(m);
        }
        return robotOk(cfg);
    }

    /**
     * The failing check's errmsg (docs/vendor-apis/dingtalk.md §5.5, §9.3), or null when every configured mode passes.
     */
    private String securityCheck(DingTalkMock.Robot robot, MockRequest req, JsonNode body, String msgtype) {
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
            if (Math.abs(p.millis() - tsMs) > p.settings().robotTimestampSkewMs) {
                return "invalid timestamp";
            }
            // the real server form-decodes the query: an un-encoded '+' of the Base64 sign becomes a space
            String sign = req.formDecodedQueryParam("sign");
            if (sign == null || !sign.equals(sign(robot.secret(), ts))) {
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
    static String sign(String secret, String timestampMs) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, timestampMs + "\n" + secret));
    }

    /** HMAC-SHA256 of UTF-8 text: the robot sign here, the card callback signature in {@link DingTalkCards}. */
    static byte[] hmacSha256(String key, String msg) {
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
        JsonNode payload = body.get(msgtype);
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("content", "title", "text", "singleTitle")) {
            sb.append(payload.path(f).asText("")).append('\n');
        }
        payload.path("btns").forEach(b -> sb.append(b.path("title").asText("")).append('\n'));
        payload.path("links").forEach(l -> sb.append(l.path("title").asText("")).append('\n'));
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
        return MockResponse.json(200, p.toJson(body));
    }
}
