package org.aftersaleshub.connector.dingtalk.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A decrypted event of DingTalk's HTTP push (docs/vendor-apis/dingtalk.md §6.6, §6.9): flat JSON with
 * {@code EventType} and, for business events, {@code eventId} / {@code BizId}. The first push when the URL is saved is
 * {@code {"EventType":"check_url"}}.
 *
 * @param eventType the event type ({@code check_url}, {@code bpms_instance_change}, ...)
 * @param identity  what identifies the event across re-sends (docs/vendor-apis/dingtalk.md §6.7): its
 *                  {@code eventId}, else its {@code BizId} with the type, else a SHA-256 of the plaintext (a re-send
 *                  carries the same plaintext under a new encryption)
 * @param json      the plaintext
 */
public record DingTalkCallbackEvent(String eventType, String identity, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The check_url event sent when the callback URL is saved. */
    public static final String CHECK_URL = "check_url";

    /**
     * Reads a decrypted push.
     *
     * @throws IllegalArgumentException when the plaintext is not a JSON object
     */
    public static DingTalkCallbackEvent parse(String plaintext) {
        JsonNode n;
        try {
            n = JSON.readTree(plaintext);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the decrypted event is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the decrypted event is not a JSON object");
        }
        String type = first(n, "EventType", "eventType");
        String eventId = first(n, "eventId", "EventId");
        String bizId = first(n, "BizId", "bizId");
        String identity = eventId != null ? "eventId:" + eventId
                : bizId != null ? "bizId:" + (type == null ? "" : type) + ":" + bizId
                : "sha256:" + sha256(plaintext);
        return new DingTalkCallbackEvent(type == null ? "unknown" : type, identity, plaintext);
    }

    private static String first(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
