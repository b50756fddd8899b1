package org.aftersaleshub.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One message to a group robot (docs/vendor-apis/wecom.md §5, §10.3). The route's JSON body:
 * <pre>{"key":"stock-low-SP-FAN-004","robot":"stock","msgtype":"markdown","content":"**低库存** SP-FAN-004",
 *  "mentionedUserIds":["WeComUser003"],"mentionedMobiles":[]}</pre>
 *
 * @param key              the idempotency key (the notice id; WeCom's robot API has none of its own); derived from
 *                         robot and content when not given
 * @param robot            the robot's name in {@code wecom.robot-keys}
 * @param type             TEXT (up to 2 048 bytes) or MARKDOWN (up to 4 096 bytes)
 * @param content          the text
 * @param mentionedUserIds userids to mention (text only; markdown mentions with {@code <@userid>} in the text)
 * @param mentionedMobiles mobile numbers to mention (text only)
 */
public record WeComRobotMessage(String key, String robot, Type type, String content, List<String> mentionedUserIds,
                                List<String> mentionedMobiles) {

    public enum Type {
        TEXT(2048), MARKDOWN(4096);

        private final int maxBytes;

        Type(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        public String msgtype() {
            return name().toLowerCase(Locale.ROOT);
        }

        public int maxBytes() {
            return maxBytes;
        }
    }

    /**
     * @throws IllegalArgumentException naming the field WeCom would refuse
     */
    public WeComRobotMessage {
        mentionedUserIds = List.copyOf(mentionedUserIds == null ? List.of() : mentionedUserIds);
        mentionedMobiles = List.copyOf(mentionedMobiles == null ? List.of() : mentionedMobiles);
        if (robot == null || robot.isBlank()) {
            throw new IllegalArgumentException("robot: name the robot (a name in wecom.robot-keys), in the body or "
                    + "the " + WeComOperations.ROBOT_HEADER + " header");
        }
        if (type == null) {
            throw new IllegalArgumentException("msgtype must be text or markdown");
        }
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content must not be empty (WeCom refuses it with 44004)");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > type.maxBytes()) {
            throw new IllegalArgumentException("content: a " + type.msgtype() + " robot message is at most "
                    + type.maxBytes() + " bytes (WeCom refuses more with 45002)");
        }
        if (key == null || key.isBlank()) {
            key = "robot-msg-" + UUID.nameUUIDFromBytes((robot + "\n" + type + "\n" + content)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
