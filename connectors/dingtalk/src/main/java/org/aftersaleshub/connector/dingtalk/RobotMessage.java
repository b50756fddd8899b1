package org.aftersaleshub.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One message to a custom group robot (docs/vendor-apis/dingtalk.md §5.3, §13.1). The route's JSON body:
 * <pre>{"key":"notice-42","robot":"it-ops","msgtype":"markdown","title":"SLA 超时","content":"### 工单 T-1 ...",
 *  "atUserIds":["ding_user_003"],"atMobiles":[],"atAll":false,
 *  "buttons":[{"title":"查看工单","url":"https://hub.example.com/t/T-1"}]}</pre>
 *
 * @param key       the idempotency key (the notice id); DingTalk's {@code msgUuid} derives from it, so a resend
 *                  after a lost answer is delivered once. Derived from robot and content when not given
 * @param robot     the robot's name in {@code dingtalk.robot-tokens}
 * @param type      TEXT, MARKDOWN or ACTION_CARD
 * @param title     markdown and actionCard title (the preview line); ignored for text
 * @param content   the text, or the markdown body
 * @param atUserIds userids to mention (with {@code atMobiles} at most 50)
 * @param atMobiles mobile numbers to mention
 * @param atAll     mention everyone
 * @param buttons   actionCard buttons (each opens a URL; robots have no click callback): one makes a single-button
 *                  card, several a card with independent buttons
 */
public record RobotMessage(String key, String robot, Type type, String title, String content, List<String> atUserIds,
                           List<String> atMobiles, boolean atAll, List<Button> buttons) {

    /** The message types the connector sends. */
    public enum Type {
        TEXT("text"), MARKDOWN("markdown"), ACTION_CARD("actionCard");

        private final String msgtype;

        Type(String msgtype) {
            this.msgtype = msgtype;
        }

        /** DingTalk's {@code msgtype} (camelCase for robots). */
        public String msgtype() {
            return msgtype;
        }

        /** {@code text}, {@code markdown}, {@code actionCard} (also {@code action_card}), any case. */
        public static Type of(String msgtype) {
            String m = msgtype == null ? "text" : msgtype.replace("_", "").toLowerCase(Locale.ROOT);
            for (Type t : values()) {
                if (t.msgtype.toLowerCase(Locale.ROOT).equals(m)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("msgtype must be text, markdown or actionCard, was '" + msgtype + "'");
        }
    }

    /** An actionCard button: its text and the URL it opens. */
    public record Button(String title, String url) {
    }

    /** DingTalk's limit on mentions (docs/vendor-apis/dingtalk.md §5.3). */
    public static final int MAX_MENTIONS = 50;

    /**
     * @throws IllegalArgumentException naming the field when the message is one DingTalk would refuse
     */
    public RobotMessage {
        atUserIds = List.copyOf(atUserIds == null ? List.of() : atUserIds);
        atMobiles = List.copyOf(atMobiles == null ? List.of() : atMobiles);
        buttons = List.copyOf(buttons == null ? List.of() : buttons);
        if (robot == null || robot.isBlank()) {
            throw new IllegalArgumentException("robot: name the robot (a name in dingtalk.robot-tokens), in the body "
                    + "or the " + NotifyOperations.ROBOT_HEADER + " header");
        }
        if (type == null) {
            throw new IllegalArgumentException("msgtype must be text, markdown or actionCard");
        }
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content: a robot message needs content");
        }
        if (type != Type.TEXT && (title == null || title.isBlank())) {
            throw new IllegalArgumentException("title: a " + type.msgtype() + " robot message needs a title");
        }
        if (type == Type.ACTION_CARD && buttons.isEmpty()) {
            throw new IllegalArgumentException("buttons: an actionCard needs at least one button {title, url}");
        }
        for (Button b : buttons) {
            if (b == null || b.title() == null || b.title().isBlank() || b.url() == null || b.url().isBlank()) {
                throw new IllegalArgumentException("buttons: each button needs a title and a url");
            }
        }
        if (atUserIds.size() + atMobiles.size() > MAX_MENTIONS) {
            throw new IllegalArgumentException("atUserIds and atMobiles: at most " + MAX_MENTIONS + " mentions");
        }
        if (key == null || key.isBlank()) {
            key = "robot-msg-" + UUID.nameUUIDFromBytes((robot + "\n" + type + "\n" + title + "\n" + content)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** DingTalk's {@code msgUuid}: the same for every send of this message (a name-based UUID of the key). */
    public String msgUuid() {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
