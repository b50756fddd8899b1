package org.aftersaleshub.connector.wecom.connection;

import java.util.Map;

/**
 * A decrypted WeCom callback event (docs/vendor-apis/wecom.md §4.7, §4.8): the flat fields of its XML. A card click is
 * {@code MsgType=event, Event=template_card_event} with {@code FromUserName} (the clicking member), {@code CreateTime},
 * {@code EventKey} (the button's key), {@code TaskId} (the card's task id) and a single-use {@code ResponseCode} for
 * updating the card.
 *
 * @param fields every field of the XML by element name
 * @param xml    the decrypted XML
 */
public record WeComCallbackEvent(Map<String, String> fields, String xml) {

    /** The Event of a template-card button click. */
    public static final String TEMPLATE_CARD_EVENT = "template_card_event";

    /**
     * Reads a decrypted event.
     *
     * @throws WeComCallbackException {@link WeComCallbackException.Failure#PARSE_ERROR} when it is not safe XML
     */
    public static WeComCallbackEvent parse(String xml) {
        return new WeComCallbackEvent(Map.copyOf(WeComCallbackXml.fields(xml)), xml);
    }

    public String field(String name) {
        String v = fields.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String msgType() {
        return field("MsgType");
    }

    /** The event name ({@code template_card_event}, {@code sys_approval_change}, ...), or the MsgType otherwise. */
    public String eventType() {
        String event = field("Event");
        return event != null ? event : msgType() == null ? "unknown" : msgType();
    }

    public boolean isCardClick() {
        return "event".equals(msgType()) && TEMPLATE_CARD_EVENT.equals(field("Event"));
    }

    public String fromUserName() {
        return field("FromUserName");
    }

    public String createTime() {
        return field("CreateTime");
    }

    public String eventKey() {
        return field("EventKey");
    }

    public String taskId() {
        return field("TaskId");
    }

    public String responseCode() {
        return field("ResponseCode");
    }

    /**
     * What identifies the event across WeCom's re-sends (docs/vendor-apis/wecom.md §4.5): the {@code MsgId} of a
     * message, else {@code FromUserName + CreateTime} — with the event name, the card's task and the button's key (and
     * an approval's details), which a re-send repeats, so that two different events of one second never merge.
     */
    public String identity() {
        String msgId = field("MsgId");
        if (msgId != null) {
            return "msgId:" + msgId;
        }
        StringBuilder id = new StringBuilder("from:").append(nullToEmpty(fromUserName())).append('|')
                .append(nullToEmpty(createTime())).append('|').append(eventType());
        for (String extra : new String[] {taskId(), eventKey(), field("ApprovalInfo")}) {
            if (extra != null) {
                id.append('|').append(extra);
            }
        }
        return id.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
