package org.aftersaleshub.connector.dingtalk;

import java.util.List;
import java.util.Objects;

/**
 * One work notice (工作通知) to people (docs/vendor-apis/dingtalk.md §4.1, §4.2).
 *
 * @param key     the stable idempotency key of the notice (the hub's notification id); not sent to DingTalk
 * @param userIds recipients' DingTalk userids, 1 to 100
 * @param type    {@code text} or {@code markdown}
 * @param title   the markdown title (the notice's preview line); ignored for text
 * @param content the text, or the markdown body
 */
public record WorkNotice(String key, List<String> userIds, Type type, String title, String content) {

    /** The message types the connector sends. */
    public enum Type { TEXT, MARKDOWN }

    /** DingTalk takes at most 100 userids per call (docs/vendor-apis/dingtalk.md §4.1). */
    public static final int MAX_RECIPIENTS = 100;

    public WorkNotice {
        Objects.requireNonNull(type, "type");
        userIds = List.copyOf(userIds);
    }
}
