package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;

/**
 * Custom group robots (docs/vendor-apis/dingtalk.md §5, §13.1): {@code POST <base-url>/robot/send?access_token=…}
 * with {@code timestamp} and {@code sign} when the robot has a {@code SEC…} secret, the message's {@code msgUuid}
 * for DingTalk's own de-duplication, a send permit per attempt ({@link DingTalkSendBudgets}) and DingTalk's answer
 * sorted into delivered, refused for good (the content), a configuration error, or throttled.
 */
final class DingTalkRobotSender {

    /** Throttled: 410100 now, 130101 in older traffic (docs/vendor-apis/dingtalk.md §5.4). */
    static final Set<Integer> THROTTLED = Set.of(410100, 130101);
    /** The message itself is refused: missing JSON, bad type, unsafe content (docs/vendor-apis/dingtalk.md §5.5). */
    static final Set<Integer> CONTENT_REFUSED = Set.of(40035, 400105, 430101, 430102, 430103, 430104);
    /** The robot's setup is wrong or gone: security check, token, disabled (docs/vendor-apis/dingtalk.md §5.5). */
    static final Set<Integer> CONFIGURATION = Set.of(310000, 300001, 300005, 400101, 400102, 400106, 400013, 43004);

    private final String baseUrl;
    private final Map<String, String> tokens;
    private final Map<String, String> secrets;
    private final ApiCaller<String> caller;
    private final DingTalkSendBudgets budgets;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param tokens  robot name → webhook access_token
     * @param secrets robot name → SEC… sign secret, for robots that sign
     * @param caller  the robots' call loop (no credential: the token is in the URL)
     */
    DingTalkRobotSender(String baseUrl, Map<String, String> tokens, Map<String, String> secrets,
                        ApiCaller<String> caller, DingTalkSendBudgets budgets, ObjectMapper json, Clock clock) {
        this.baseUrl = baseUrl;
        this.tokens = Map.copyOf(tokens);
        this.secrets = Map.copyOf(secrets);
        this.caller = caller;
        this.budgets = budgets;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Sends one message; see {@link DingTalkConnector#sendRobotMessage}.
     */
    RobotResult send(RobotMessage m) {
        String token = tokens.get(m.robot());
        if (token == null) {
            throw new IllegalArgumentException("robot: '" + m.robot() + "' is not one of the robots in "
                    + DingTalkConnectorConfig.ROBOT_TOKENS.name() + " " + tokens.keySet());
        }
        String body = body(m).toString();
        JsonNode answer = caller.call(new ApiCaller.Call<String, JsonNode>() {
            @Override
            public String name() {
                return "robot/send " + m.robot();
            }

            @Override
            public boolean write() {
                // msgUuid makes a repeat safe: one message per msgUuid (docs/vendor-apis/dingtalk.md §5.3)
                return false;
            }

            @Override
            public HttpResult send(String none) {
                budgets.acquireRobot(m.robot(), token); // every attempt counts at DingTalk
                return caller.http().postJson(url(m.robot(), token), body, null);
            }

            @Override
            public Verdict<JsonNode> classify(HttpResult r) {
                if (!r.isSuccess()) {
                    return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
                }
                JsonNode a = parse(r.body());
                if (a == null || !a.has("errcode")) {
                    return Verdict.notFinal(Outcome.RETRYABLE, "robot/send: not a DingTalk answer", null);
                }
                // errcode: a number in traffic, "0" in the doc's sample (docs/vendor-apis/dingtalk.md §5.3)
                return a.path("errcode").asInt(Integer.MIN_VALUE) == -1 ? Verdict.notFinal(Outcome.RETRYABLE,
                        "robot/send: errcode -1 system busy", null) : Verdict.reply(a);
            }
        });
        int code = answer.path("errcode").asInt(Integer.MIN_VALUE);
        String errmsg = caller.masker().mask(answer.path("errmsg").asText(""));
        if (code == 0) {
            return new RobotResult(m.robot(), m.key(), m.msgUuid(), RobotResult.Status.DELIVERED, 0, null);
        }
        if (THROTTLED.contains(code)) {
            throw budgets.blocked(m.robot(), token, "errcode " + code);
        }
        if (CONFIGURATION.contains(code)) {
            throw new ConnectorException(DingTalkConnector.NAME, Outcome.NOT_RETRYABLE, "robot " + m.robot()
                    + " refused: errcode " + code + " " + errmsg + "; check its token in "
                    + DingTalkConnectorConfig.ROBOT_TOKENS.name() + " and its secret in "
                    + DingTalkConnectorConfig.ROBOT_SECRETS.name() + " (310000 names the failing check)");
        }
        return new RobotResult(m.robot(), m.key(), m.msgUuid(), RobotResult.Status.REFUSED, code, errmsg);
    }

    /** The webhook URL: the token; for a signing robot timestamp (ms) and sign (docs/vendor-apis/dingtalk.md §5.2). */
    private java.net.URI url(String robot, String token) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("access_token", token);
        String secret = secrets.get(robot);
        if (secret != null && !secret.isBlank()) {
            long ts = clock.millis();
            q.put("timestamp", String.valueOf(ts));
            q.put("sign", sign(secret, ts)); // URL-encoded by Urls: + / = become %2B %2F %3D
        }
        return Urls.resolve(baseUrl, "/robot/send", q);
    }

    /**
     * Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), not yet URL-encoded
     * (docs/vendor-apis/dingtalk.md §5.2).
     */
    static String sign(String secret, long timestampMs) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMs + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The robot's JSON: camelCase msgtypes and fields, unlike work notices (docs/vendor-apis/dingtalk.md §5.3). */
    ObjectNode body(RobotMessage m) {
        ObjectNode b = json.createObjectNode().put("msgtype", m.type().msgtype());
        switch (m.type()) {
            case TEXT -> b.putObject("text").put("content", m.content());
            case MARKDOWN -> b.putObject("markdown").put("title", m.title()).put("text", m.content());
            case ACTION_CARD -> {
                ObjectNode card = b.putObject("actionCard").put("title", m.title()).put("text", m.content())
                        .put("btnOrientation", "0");
                if (m.buttons().size() == 1) {
                    card.put("singleTitle", m.buttons().get(0).title()).put("singleURL", m.buttons().get(0).url());
                } else {
                    var btns = card.putArray("btns");
                    m.buttons().forEach(x -> btns.addObject().put("title", x.title()).put("actionURL", x.url()));
                }
            }
            default -> throw new IllegalStateException(m.type().name());
        }
        if (m.type() != RobotMessage.Type.ACTION_CARD) {
            ObjectNode at = b.putObject("at");
            m.atUserIds().forEach(at.putArray("atUserIds")::add);
            m.atMobiles().forEach(at.putArray("atMobiles")::add);
            at.put("isAtAll", m.atAll());
        }
        b.put("msgUuid", m.msgUuid());
        return b;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
