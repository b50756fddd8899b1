package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;

/**
 * Group robots (docs/vendor-apis/wecom.md §5, §10.3): {@code POST <base-url>/cgi-bin/webhook/send?key=…}, no token
 * and no signature (the key is the credential), a send permit per attempt ({@link WeComSendBudgets}), and WeCom's
 * answer sorted into delivered, refused for good (the content), a wrong key (93000, not retryable) or throttled
 * (45009). The robot API has no idempotency key: a send whose answer was lost is not repeated here.
 */
final class WeComRobotSender {

    /** The message itself is refused (docs/vendor-apis/wecom.md §2.4, §5). */
    static final Set<Integer> CONTENT_REFUSED = Set.of(40008, 40035, 44004, 45002);
    static final int THROTTLED = 45009;
    static final int UNKNOWN_KEY = 93000;
    static final int BUSY = -1;

    private final String baseUrl;
    private final Map<String, String> keys;
    private final ApiCaller<String> caller;
    private final WeComSendBudgets budgets;
    private final ObjectMapper json;

    WeComRobotSender(String baseUrl, Map<String, String> keys, ApiCaller<String> caller, WeComSendBudgets budgets,
                     ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.keys = Map.copyOf(keys);
        this.caller = caller;
        this.budgets = budgets;
        this.json = json;
    }

    WeComRobotResult send(WeComRobotMessage m) {
        String key = keys.get(m.robot());
        if (key == null) {
            throw new IllegalArgumentException("robot: '" + m.robot() + "' is not one of the robots in "
                    + WeComConfig.ROBOT_KEYS.name() + " " + keys.keySet());
        }
        ObjectNode b = json.createObjectNode().put("msgtype", m.type().msgtype());
        ObjectNode payload = b.putObject(m.type().msgtype()).put("content", m.content());
        if (m.type() == WeComRobotMessage.Type.TEXT) {
            m.mentionedUserIds().forEach(payload.putArray("mentioned_list")::add);
            m.mentionedMobiles().forEach(payload.putArray("mentioned_mobile_list")::add);
        }
        String text = b.toString();
        JsonNode answer = caller.call(new ApiCaller.Call<String, JsonNode>() {
            @Override
            public String name() {
                return "webhook/send " + m.robot();
            }

            @Override
            public boolean write() {
                return true; // no idempotency key: an unknown outcome is not repeated here
            }

            @Override
            public HttpResult send(String none) {
                budgets.acquireRobot(m.robot(), key);
                return caller.http().postJson(Urls.resolve(baseUrl, "cgi-bin/webhook/send", Map.of("key", key)),
                        text, null);
            }

            @Override
            public Verdict<JsonNode> classify(HttpResult r) {
                if (!r.isSuccess()) {
                    return Verdict.notFinal(r.outcome(), r.problem(), r.retryAfter().orElse(null));
                }
                JsonNode a;
                try {
                    a = json.readTree(r.body());
                } catch (Exception e) {
                    a = null;
                }
                if (a == null || !a.has("errcode")) {
                    return Verdict.notFinal(Outcome.OUTCOME_UNKNOWN, "webhook/send: not a WeCom answer", null);
                }
                return a.path("errcode").asInt() == BUSY ? Verdict.notFinal(Outcome.OUTCOME_UNKNOWN,
                        "webhook/send: errcode -1 system busy", null) : Verdict.reply(a);
            }
        });
        int code = answer.path("errcode").asInt();
        String errmsg = caller.masker().mask(answer.path("errmsg").asText(""));
        if (code == 0) {
            return new WeComRobotResult(m.robot(), m.key(), WeComRobotResult.Status.DELIVERED, 0, null);
        }
        if (code == THROTTLED) {
            throw new WeComLimitException(WeComLimitException.Limit.ROBOT_THROTTLED,
                    "wecom-robot:" + WeComSendBudgets.fingerprint(m.key()) + ":send", Duration.ofSeconds(60),
                    "robot " + m.robot() + ": WeCom says its minute is full (45009); nothing sent");
        }
        if (code == UNKNOWN_KEY) {
            throw new ConnectorException(WeComConnector.NAME, Outcome.NOT_RETRYABLE, "robot " + m.robot()
                    + ": WeCom does not know its key (93000 " + errmsg + "); check " + WeComConfig.ROBOT_KEYS.name());
        }
        return new WeComRobotResult(m.robot(), m.key(), WeComRobotResult.Status.REFUSED, code, errmsg);
    }
}
