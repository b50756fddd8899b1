package org.aftersaleshub.notify;

import java.util.List;
import org.aftersaleshub.staff.PreferredChannel;

/**
 * One addressee of one message — a person or a group — and how to reach them, or why they cannot be reached.
 *
 * @param key         the message's idempotency key, {@code im:<event id>:<who>}: journal rows and a replay use it
 * @param who         {@code staff:<id>}, {@code warehouse:<code>} or {@code it:<n>}; the journal target when
 *                    {@code unreachable}
 * @param name        the person's name for the template (null for a group)
 * @param role        the role for the template (负责工程师, 主管, …)
 * @param supervisor  true when the message goes to the supervisor of the ticket's assignee
 * @param channel     DINGTALK or WECOM, NONE when unreachable
 * @param instance    the connector instance that sends it
 * @param userIds     the platform user ids (one person, or a group's members)
 * @param robot       the group robot's name, or null
 * @param unreachable why nobody can be sent to (English with the Chinese term), else null
 */
public record Recipient(String key, String who, String name, String role, boolean supervisor,
                        PreferredChannel channel, String instance, List<String> userIds, String robot,
                        String unreachable) {

    public Recipient {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    static Recipient unreachable(String key, String who, String role, String why) {
        return new Recipient(key, who, null, role, false, PreferredChannel.NONE, null, List.of(), null, why);
    }

    boolean reachable() {
        return unreachable == null;
    }
}
