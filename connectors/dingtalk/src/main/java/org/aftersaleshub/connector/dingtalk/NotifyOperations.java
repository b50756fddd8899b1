package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.EventBodies;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The DingTalk connector's messaging operations ({@code dingtalk:<instance>?operation=<name>}); the card operations
 * are {@link DingTalkCardOperations}.
 * <ul>
 *   <li>{@code work-notice}: a JSON body {@code {"key","userIds":[..],"type":"text|markdown","title"?,"content"}}
 *       (or a {@link WorkNotice}) → one work notice, reconciled; out: body {@link WorkNoticeResult} (task id and one
 *       outcome per person), {@code HubDocumentNumber} = the task id, {@code HubConnectorOutcome} DONE when anyone
 *       is reached (the others named in the summary), FAILED with {@code HubReason} when nobody is.</li>
 *   <li>{@code robot-send}: a {@link RobotMessage} or its JSON; the robot is named by the body's {@code robot} or the
 *       {@value #ROBOT_HEADER} header → one custom-robot message, signed when the robot has a secret, within the
 *       robot's send budget; out: body {@link RobotResult}, {@code HubDocumentNumber} = the msgUuid, DONE, or FAILED
 *       when DingTalk refused the content. No budget, a throttled robot or a used-up quota throw
 *       {@link DingTalkLimitException} (retryable, nothing sent); a wrong token or sign secret is not retryable.</li>
 * </ul>
 */
public final class NotifyOperations {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The message header that names the robot of {@code robot-send} when the body does not. */
    public static final String ROBOT_HEADER = "HubRobot";

    public static final Operation<WorkNotice> WORK_NOTICE = new Operation<>("work-notice", Capability.NOTIFICATION,
            true, "Body: JSON {\"key\",\"userIds\":[..],\"type\":\"text|markdown\",\"title\"?,\"content\"} or a "
            + "WorkNotice. Sends one DingTalk work notice (asyncsend_v2) and reconciles it (getsendresult); the same "
            + "notice again reaches nobody twice (DingTalk's same-content guard). Out: body WorkNoticeResult; "
            + "headers HubConnectorOutcome DONE (someone reached) | FAILED (nobody), HubDocumentNumber = task id, "
            + "HubReason.") {
        @Override
        public WorkNotice request(Object body, Function<String, Object> headers) {
            if (body instanceof WorkNotice n) {
                return n;
            }
            String text = body instanceof String s ? s : body instanceof byte[] b
                    ? new String(b, StandardCharsets.UTF_8) : null;
            if (text == null) {
                throw new IllegalArgumentException("operation=work-notice takes a JSON body or a WorkNotice; the "
                        + "body is " + (body == null ? "empty" : "a " + body.getClass().getSimpleName()));
            }
            return parse(text);
        }

        @Override
        public String idempotencyKey(WorkNotice request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, WorkNotice request) {
            WorkNoticeResult r = connector.as(DingTalkConnector.class).orElseThrow(() -> new IllegalStateException(
                    connector.name() + " does not send DingTalk work notices")).sendWorkNotice(request);
            String task = String.valueOf(r.taskId());
            String notReached = r.notReached().stream().map(x -> x.userId() + " " + x.status()
                    + (x.code() == null ? "" : " " + x.code())).collect(Collectors.joining(", "));
            boolean already = r.recipients().stream()
                    .allMatch(x -> x.status() == WorkNoticeResult.Status.ALREADY_DELIVERED);
            if (!r.anyReached()) {
                String reason = "work notice task " + task + " reached nobody: " + notReached;
                return new OperationResult(r, OperationResult.Status.FAILED, task, false, reason, reason);
            }
            return new OperationResult(r, OperationResult.Status.DONE, task, already, null, "work notice task " + task
                    + (notReached.isEmpty() ? "" : "; not reached: " + notReached));
        }
    };

    public static final Operation<RobotMessage> ROBOT_SEND = new Operation<>("robot-send", Capability.NOTIFICATION,
            true, "Body: JSON {\"key\",\"robot\"?,\"msgtype\":\"text|markdown|actionCard\",\"title\"?,"
            + "\"content\",\"atUserIds\"?,\"atMobiles\"?,\"atAll\"?,\"buttons\"?:[{\"title\",\"url\"}]} or a "
            + "RobotMessage; the robot (a name in dingtalk.robot-tokens) from 'robot' or the HubRobot header. "
            + "Sends one "
            + "custom-robot message with msgUuid = f(key), signed when the robot has a secret, within the robot's "
            + "send budget. Out: body RobotResult; headers HubConnectorOutcome DONE | FAILED (content refused), "
            + "HubDocumentNumber = msgUuid, HubReason. Throws DingTalkLimitException (retryable, nothing sent) when "
            + "the budget had no permit or DingTalk throttled the robot.") {
        @Override
        public RobotMessage request(Object body, Function<String, Object> headers) {
            if (body instanceof RobotMessage m) {
                return m;
            }
            JsonNode n = object(body, name());
            String robot = n.path("robot").asText(null);
            if ((robot == null || robot.isBlank()) && headers.apply(ROBOT_HEADER) != null) {
                robot = String.valueOf(headers.apply(ROBOT_HEADER));
            }
            List<RobotMessage.Button> buttons = new ArrayList<>();
            n.path("buttons").forEach(b -> buttons.add(new RobotMessage.Button(b.path("title").asText(null),
                    b.path("url").asText(null))));
            return new RobotMessage(n.path("key").asText(null), robot,
                    RobotMessage.Type.of(n.path("msgtype").asText("text")), n.path("title").asText(null),
                    n.path("content").asText(null), texts(n.path("atUserIds")), texts(n.path("atMobiles")),
                    n.path("atAll").asBoolean(false), buttons);
        }

        @Override
        public String idempotencyKey(RobotMessage request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, RobotMessage request) {
            RobotResult r = dingTalk(connector).sendRobotMessage(request);
            return r.status() == RobotResult.Status.DELIVERED
                    ? new OperationResult(r, OperationResult.Status.DONE, r.msgUuid(), false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, r.msgUuid(), false,
                    "errcode " + r.errcode() + " " + r.reason(), r.summary());
        }
    };

    private NotifyOperations() {
    }

    /** Everything the DingTalk connector offers to routes. */
    static List<Operation<?>> forDingTalk() {
        return List.of(WORK_NOTICE, ROBOT_SEND, DingTalkCardOperations.CARD_DELIVER,
                DingTalkCardOperations.CARD_UPDATE);
    }

    static DingTalkConnector dingTalk(HubConnector connector) {
        return connector.as(DingTalkConnector.class).orElseThrow(() -> new IllegalStateException(connector.name()
                + " is not a DingTalk connector"));
    }

    /** The body as a JSON object (a String, bytes or a Map), or an IllegalArgumentException naming the operation. */
    static JsonNode object(Object body, String operation) {
        return EventBodies.jsonObject(body, operation);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static WorkNotice parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("operation=work-notice: the body is not JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("operation=work-notice: the body is not a JSON object");
        }
        String key = n.path("key").asText("");
        if (key.isBlank()) {
            throw new IllegalArgumentException("operation=work-notice: key is required (the notice's stable "
                    + "idempotency key)");
        }
        List<String> users = new ArrayList<>();
        n.path("userIds").forEach(u -> users.add(u.asText()));
        String type = n.path("type").asText("text").toUpperCase(Locale.ROOT);
        WorkNotice.Type t;
        try {
            t = WorkNotice.Type.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operation=work-notice: type must be text or markdown, was '"
                    + n.path("type").asText() + "'");
        }
        return new WorkNotice(key, users, t, n.path("title").asText(null), n.path("content").asText(null));
    }
}
