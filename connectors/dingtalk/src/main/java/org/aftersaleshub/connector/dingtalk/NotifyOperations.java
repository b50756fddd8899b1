package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The DingTalk connector's operations:
 * <ul>
 *   <li>{@code work-notice}: a JSON body {@code {"key","userIds":[..],"type":"text|markdown","title"?,"content"}}
 *       (or a {@link WorkNotice}) → one work notice, reconciled; out: body {@link WorkNoticeResult} (task id and one
 *       outcome per person), {@code HubDocumentNumber} = the task id, {@code HubConnectorOutcome} DONE when anyone
 *       is reached (the others named in the summary), FAILED with {@code HubReason} when nobody is.</li>
 * </ul>
 */
public final class NotifyOperations {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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

    private NotifyOperations() {
    }

    /** Everything the DingTalk connector offers to routes. */
    static List<Operation<?>> forDingTalk() {
        return List.of(WORK_NOTICE);
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
