package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.dingtalk.WorkNoticeResult.Recipient;
import org.aftersaleshub.connector.dingtalk.WorkNoticeResult.Status;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkClient;

/**
 * Work notices: {@code asyncsend_v2}, then {@code getsendresult} for the outcome per person
 * (docs/vendor-apis/dingtalk.md §4.1, §4.3).
 *
 * <p>Idempotency: the API has no request key. Its own guard is "the same content to the same user once a day"
 * (143106, docs/vendor-apis/dingtalk.md §4.3), and the message JSON is built deterministically from the notice, so a
 * resend after an unknown outcome reaches nobody twice and is reported ALREADY_DELIVERED. A deliberate repeat (a
 * reminder) must therefore change its content.
 */
final class DingTalkWorkNoticeSender {

    /** 143106: same content to the same user today (docs/vendor-apis/dingtalk.md §4.3). */
    static final String SAME_CONTENT_TODAY = "143106";
    /** userid_list is comma-separated (docs/vendor-apis/dingtalk.md §4.1): a comma or space would split an id. */
    private static final Pattern USER_ID = Pattern.compile("[^,\\s]{1,64}");

    private final DingTalkClient client;
    private final long agentId;

    DingTalkWorkNoticeSender(DingTalkClient client, long agentId) {
        this.client = client;
        this.agentId = agentId;
    }

    WorkNoticeResult send(WorkNotice notice) {
        check(notice);
        ObjectNode msg = client.object();
        if (notice.type() == WorkNotice.Type.TEXT) {
            msg.put("msgtype", "text").putObject("text").put("content", notice.content());
        } else {
            msg.put("msgtype", "markdown").putObject("markdown").put("title", notice.title())
                    .put("text", notice.content());
        }
        ObjectNode body = client.object().put("agent_id", agentId)
                .put("userid_list", String.join(",", notice.userIds()));
        body.set("msg", msg);
        long taskId = client.topapi("/topapi/message/corpconversation/asyncsend_v2", body, true).path("task_id")
                .asLong();
        return sendResult(taskId, notice.userIds());
    }

    /** Refuses a notice DingTalk would refuse (40035), before any call. */
    private static void check(WorkNotice n) {
        if (n.userIds().isEmpty() || n.userIds().size() > WorkNotice.MAX_RECIPIENTS) {
            throw new IllegalArgumentException("userIds: a work notice goes to 1 to " + WorkNotice.MAX_RECIPIENTS
                    + " DingTalk userids; got " + n.userIds().size());
        }
        for (String u : n.userIds()) {
            if (u == null || !USER_ID.matcher(u).matches()) {
                throw new InvalidInputException("dingtalk", "userId", String.valueOf(u), String.valueOf(u),
                        "pattern:" + USER_ID.pattern(), "a DingTalk userid: 1-64 characters, no comma or space",
                        "use the staff record's DingTalk userId");
            }
        }
        if (n.content() == null || n.content().isBlank()) {
            throw new IllegalArgumentException("content: a work notice needs content");
        }
        if (n.type() == WorkNotice.Type.MARKDOWN && (n.title() == null || n.title().isBlank())) {
            throw new IllegalArgumentException("title: a markdown work notice needs a title");
        }
    }

    /** Reconciles a sent task: one outcome per recipient (docs/vendor-apis/dingtalk.md §4.3). */
    WorkNoticeResult sendResult(long taskId, List<String> userIds) {
        ObjectNode body = client.object().put("agent_id", agentId).put("task_id", taskId);
        JsonNode r = client.topapi("/topapi/message/corpconversation/getsendresult", body, false)
                .path("send_result");
        Set<String> delivered = new HashSet<>();
        r.path("read_user_id_list").forEach(u -> delivered.add(u.asText()));
        r.path("unread_user_id_list").forEach(u -> delivered.add(u.asText()));
        Set<String> invalid = new HashSet<>();
        r.path("invalid_user_id_list").forEach(u -> invalid.add(u.asText()));
        Set<String> failed = new HashSet<>();
        r.path("failed_user_id_list").forEach(u -> failed.add(u.asText()));
        Map<String, String> forbidden = new HashMap<>();
        r.path("forbidden_list").forEach(f -> forbidden.put(f.path("userid").asText(), f.path("code").asText()));
        r.path("forbidden_user_id_list").forEach(u -> forbidden.putIfAbsent(u.asText(), null));
        List<Recipient> out = new ArrayList<>();
        for (String u : userIds) {
            Recipient rec;
            if (delivered.contains(u)) {
                rec = new Recipient(u, Status.DELIVERED, null);
            } else if (invalid.contains(u)) {
                rec = new Recipient(u, Status.INVALID_USER, null);
            } else if (forbidden.containsKey(u)) {
                String code = forbidden.get(u);
                rec = new Recipient(u, SAME_CONTENT_TODAY.equals(code) ? Status.ALREADY_DELIVERED : Status.FORBIDDEN,
                        code);
            } else if (failed.contains(u)) {
                rec = new Recipient(u, Status.FAILED, null);
            } else {
                rec = new Recipient(u, Status.PENDING, null);
            }
            out.add(rec);
        }
        return new WorkNoticeResult(taskId, List.copyOf(out));
    }
}
