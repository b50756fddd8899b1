package org.aftersaleshub.connector.wecom;

import java.util.List;

/**
 * What WeCom did with an app message (docs/vendor-apis/wecom.md §3.3). {@code SENT} is errcode 0, possibly partial: the
 * recipients in the four lists did not get it (ids lower-cased by WeCom) and are reported, never re-sent — the
 * others did. {@code REJECTED} is a final refusal of the whole message: 81013 (every recipient invalid), empty or
 * too large content.
 *
 * @param msgId           WeCom's message id when SENT
 * @param invalidUsers    {@code invaliduser}: unknown or outside the app's range
 * @param invalidParties  {@code invalidparty}
 * @param invalidTags     {@code invalidtag}
 * @param unlicensedUsers {@code unlicenseduser}: members without a basic API licence
 * @param errcode         0 when SENT, else WeCom's code
 * @param reason          WeCom's message when REJECTED, else null
 * @param responseCode    for an interactive card: the single-use code that can update it once for its recipients
 *                        ({@code card-update}, within 72 h, docs/vendor-apis/wecom.md §3.4); else null
 */
public record AppMessageResult(String key, Status status, String msgId, List<String> invalidUsers,
                               List<String> invalidParties, List<String> invalidTags, List<String> unlicensedUsers,
                               int errcode, String reason, String responseCode) {

    public enum Status { SENT, REJECTED }

    public AppMessageResult {
        invalidUsers = List.copyOf(invalidUsers);
        invalidParties = List.copyOf(invalidParties);
        invalidTags = List.copyOf(invalidTags);
        unlicensedUsers = List.copyOf(unlicensedUsers);
    }

    /** Without a response code (text and markdown messages, refusals). */
    public AppMessageResult(String key, Status status, String msgId, List<String> invalidUsers,
                            List<String> invalidParties, List<String> invalidTags, List<String> unlicensedUsers,
                            int errcode, String reason) {
        this(key, status, msgId, invalidUsers, invalidParties, invalidTags, unlicensedUsers, errcode, reason, null);
    }

    /** True when WeCom accepted the message but some recipients did not get it. */
    public boolean partial() {
        return status == Status.SENT && !(invalidUsers.isEmpty() && invalidParties.isEmpty() && invalidTags.isEmpty()
                && unlicensedUsers.isEmpty());
    }

    /** One line for the journal and the timeline. */
    public String summary() {
        if (status == Status.REJECTED) {
            return "app message " + key + " rejected: " + reason;
        }
        StringBuilder s = new StringBuilder("app message " + key + " sent as " + msgId);
        if (partial()) {
            s.append("; not delivered to");
            append(s, "invaliduser", invalidUsers);
            append(s, "invalidparty", invalidParties);
            append(s, "invalidtag", invalidTags);
            append(s, "unlicenseduser", unlicensedUsers);
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String field, List<String> ids) {
        if (!ids.isEmpty()) {
            s.append(' ').append(field).append(' ').append(String.join("|", ids));
        }
    }
}
