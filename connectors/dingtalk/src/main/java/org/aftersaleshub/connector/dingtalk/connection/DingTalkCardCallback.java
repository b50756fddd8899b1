package org.aftersaleshub.connector.dingtalk.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interactive-card click as DingTalk POSTs it to the registered callback URL (docs/vendor-apis/dingtalk.md §7.3):
 * {@code {"type":"actionCallback","outTrackId","corpId","userId","content":"<JSON string>"}}, where {@code content}
 * holds {@code cardPrivateData{actionIds[], params{}}} and the template's "回传请求" button puts its parameters, e.g.
 * {@code {"action":"accept"}}, in {@code params}. The body is not encrypted and its signature covers only a timestamp,
 * so nothing here is proof of who clicked what: the receiver decides from the card ({@code outTrackId}) and its own
 * state.
 *
 * @param type       {@code actionCallback} for a button click
 * @param outTrackId the card's id, chosen by whoever created the card
 * @param corpId     the organisation
 * @param userId     the clicking user's userId
 * @param actionIds  ids of the clicked components
 * @param params     the button's parameters, values as text
 */
public record DingTalkCardCallback(String type, String outTrackId, String corpId, String userId,
                                   List<String> actionIds, Map<String, String> params) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parameter naming the button's action. */
    public static final String ACTION_PARAM = "action";

    /** True when a JSON body has the shape of a card callback rather than an encrypted event push. */
    public static boolean looksLikeCardCallback(JsonNode body) {
        return body != null && body.isObject() && body.hasNonNull("outTrackId");
    }

    /**
     * Reads a card callback body.
     *
     * @throws IllegalArgumentException naming the member that is missing or malformed (no payload in the message)
     */
    public static DingTalkCardCallback parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String outTrackId = text(body, "outTrackId");
        String userId = text(body, "userId");
        if (outTrackId == null) {
            throw new IllegalArgumentException("outTrackId is missing");
        }
        if (userId == null) {
            throw new IllegalArgumentException("userId is missing");
        }
        JsonNode content = body.path("content");
        if (content.isTextual()) {
            try {
                content = JSON.readTree(content.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("content is not a JSON string");
            }
        }
        JsonNode privateData = content == null ? null : content.path("cardPrivateData");
        List<String> actionIds = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        if (privateData != null && privateData.isObject()) {
            privateData.path("actionIds").forEach(a -> actionIds.add(a.asText()));
            privateData.path("params").fields().forEachRemaining(f -> params.put(f.getKey(),
                    f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        }
        return new DingTalkCardCallback(text(body, "type"), outTrackId, text(body, "corpId"), userId,
                List.copyOf(actionIds), Map.copyOf(params));
    }

    /** The button's action parameter, or an empty text when the click carries none. */
    public String action() {
        return params.getOrDefault(ACTION_PARAM, "");
    }

    /**
     * The click's identity for de-duplication: card, user and action (docs/vendor-apis/dingtalk.md §7.3 gives the
     * click no id of its own, so a re-sent click and a second press of the same button are the same event).
     */
    public String identity() {
        return outTrackId + "|" + userId + "|" + action();
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }
}
