package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An interactive {@code template_card} of type {@code button_interaction} (docs/vendor-apis/wecom.md §3.2, §10.1):
 * a title, a few key–value lines and up to six buttons whose {@code key} comes back as the click's {@code EventKey}.
 * JSON in a route body:
 * <pre>{"taskId":"tkt-T-000123-1","title":"新工单 T-000123","description":"空调不制冷",
 *  "fields":[{"key":"客户","value":"华东冷链"},{"key":"截止","value":"今天 18:00"}],
 *  "url":"https://hub.example.com/t/T-000123",
 *  "buttons":[{"text":"接单","key":"accept:T-000123","style":1},
 *             {"text":"申请备件","key":"parts:T-000123","style":2,"url":"https://hub.example.com/field/…"}]}</pre>
 *
 * @param taskId      the card's identity: unique per app, {@code [0-9A-Za-z_-@]}, at most 128 ({@link #taskId})
 * @param title       the main title
 * @param description the line under the title, or null
 * @param fields      key–value lines ({@code horizontal_content_list}), at most six
 * @param url         where a tap on the card body leads ({@code card_action}), or null
 * @param buttons     one to six buttons; {@link #buttonKey} puts action and ticket in each key
 */
public record TemplateCard(String taskId, String title, String description, List<Field> fields, String url,
                           List<Button> buttons) {

    /** One key–value line. */
    public record Field(String key, String value) {
    }

    /**
     * One button.
     *
     * @param text  its label (WeCom shows about ten characters)
     * @param key   what the click reports ({@code EventKey}): at most 1 024 bytes, unique in the card
     * @param style 1–4 (WeCom's colours), 1 when 0
     * @param url   null: a click calls back ({@code type} 0); an http(s) address: the button opens it instead
     *              ({@code type} 1, docs/vendor-apis/wecom.md §3.2), e.g. the hub's field page
     */
    public record Button(String text, String key, int style, String url) {

        public Button(String text, String key, int style) {
            this(text, key, style, null);
        }
    }

    /** docs/vendor-apis/wecom.md §3.2. */
    public static final Pattern TASK_ID = Pattern.compile("[0-9A-Za-z_\\-@]{1,128}");
    public static final int MAX_BUTTONS = 6;
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_FIELDS = 6;

    /**
     * @throws IllegalArgumentException naming the field WeCom would refuse
     */
    public TemplateCard {
        fields = List.copyOf(fields == null ? List.of() : fields);
        buttons = List.copyOf(buttons == null ? List.of() : buttons);
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("card.taskId: 1-128 of [0-9A-Za-z_-@], unique per app "
                    + "(TemplateCard.taskId(ticket, n)); was '" + taskId + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("card.title must not be empty");
        }
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("card.fields: at most " + MAX_FIELDS + " lines");
        }
        if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            throw new IllegalArgumentException("card.buttons: 1 to " + MAX_BUTTONS + " buttons");
        }
        Set<String> keys = new HashSet<>();
        for (Button b : buttons) {
            if (b == null || b.text() == null || b.text().isBlank() || b.key() == null || b.key().isEmpty()) {
                throw new IllegalArgumentException("card.buttons: each button needs a text and a key");
            }
            if (b.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES || !keys.add(b.key())) {
                throw new IllegalArgumentException("card.buttons: key '" + b.key() + "' is longer than "
                        + MAX_KEY_BYTES + " bytes or used twice in the card");
            }
            if (b.style() < 0 || b.style() > 4) {
                throw new IllegalArgumentException("card.buttons: style is 1 to 4");
            }
            if (b.url() != null && !b.url().matches("https?://\\S{1,2040}")) {
                throw new IllegalArgumentException("card.buttons: url of '" + b.text() + "' is no http(s) address");
            }
        }
    }

    /**
     * The task id of a ticket's {@code n}th card: {@code tkt-<ticket>-<n>}, other characters as {@code _}, shortened
     * with a hash beyond 128.
     */
    public static String taskId(String ticketId, int n) {
        String raw = "tkt-" + ticketId + "-" + n;
        String safe = raw.replaceAll("[^0-9A-Za-z_\\-@]", "_");
        if (safe.length() <= 128 && safe.equals(raw)) {
            return safe;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(raw.getBytes(StandardCharsets.UTF_8)), 0, 8);
            return safe.substring(0, Math.min(safe.length(), 111)) + "-" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A button key carrying the action and the ticket, {@code accept:T-000123}: WeCom merges same-key clicks of
     * different cards in a check keyed without the task id (docs/vendor-apis/wecom.md §3.2), so the ticket is in it.
     */
    public static String buttonKey(String action, String ticketId) {
        return action + ":" + ticketId;
    }

    /** The {@code template_card} JSON of {@code message/send} and {@code update_template_card}. */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode c = json.createObjectNode().put("card_type", "button_interaction");
        ObjectNode main = c.putObject("main_title").put("title", title);
        if (description != null && !description.isBlank()) {
            main.put("desc", description);
        }
        if (!fields.isEmpty()) {
            ArrayNode list = c.putArray("horizontal_content_list");
            fields.forEach(f -> list.addObject().put("keyname", f.key()).put("value", f.value()));
        }
        if (url != null && !url.isBlank()) {
            c.putObject("card_action").put("type", 1).put("url", url);
        }
        c.put("task_id", taskId);
        ArrayNode list = c.putArray("button_list");
        buttons.forEach(b -> {
            ObjectNode button = list.addObject().put("text", b.text()).put("style", b.style() == 0 ? 1 : b.style())
                    .put("key", b.key());
            if (b.url() != null) {
                button.put("type", 1).put("url", b.url());
            }
        });
        return c;
    }
}
