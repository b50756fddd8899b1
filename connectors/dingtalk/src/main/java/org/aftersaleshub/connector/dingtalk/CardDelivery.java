package org.aftersaleshub.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One interactive card to deliver (docs/vendor-apis/dingtalk.md §7.2, §13.2): to one person's robot chat
 * ({@code userId}, IM_ROBOT) or to a group ({@code openConversationId}, IM_GROUP). The route's JSON body:
 * <pre>{"outTrackId":"tkt-T-000123-ding_user_001","templateId"?:"…","userId":"ding_user_001",
 *  "cardData":{"title":"新工单 T-000123","customer":"…","actions":"accept"},
 *  "privateData"?:{"ding_user_001":{"canAccept":"true"}}}</pre>
 *
 * @param outTrackId         the card's identity, chosen by the caller and stable per ticket and recipient
 *                           ({@link #outTrackId(String, String)}): DingTalk ignores a second delivery with it, so a
 *                           redelivery never makes a second card; clicks come back with it
 * @param templateId         the card template; null = {@code dingtalk.card-template-id}
 * @param userId             the engineer's userid (IM_ROBOT), or null
 * @param openConversationId the group's open conversation id (IM_GROUP), or null
 * @param cardData           the template's variables ({@code cardParamMap}): string values only
 * @param privateData        per userid, variables only that user sees
 */
public record CardDelivery(String outTrackId, String templateId, String userId, String openConversationId,
                           Map<String, String> cardData, Map<String, Map<String, String>> privateData) {

    /** Our own rule for outTrackIds ([I]: DingTalk documents none): safe in a URL path and a log line. */
    public static final Pattern OUT_TRACK_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
    /** {@code cardParamMap} limits (docs/vendor-apis/dingtalk.md §7.2): key ≤ 100 bytes, value ≤ 1 KB. */
    public static final int MAX_KEY_BYTES = 100;
    public static final int MAX_VALUE_BYTES = 1024;

    /**
     * @throws IllegalArgumentException naming the field when DingTalk would refuse the card
     */
    public CardDelivery {
        cardData = copy(cardData, "cardData");
        Map<String, Map<String, String>> priv = new LinkedHashMap<>();
        if (privateData != null) {
            privateData.forEach((u, m) -> priv.put(u, copy(m, "privateData." + u)));
        }
        privateData = Map.copyOf(priv);
        if (outTrackId == null || !OUT_TRACK_ID.matcher(outTrackId).matches()) {
            throw new IllegalArgumentException("outTrackId: 1-128 of [A-Za-z0-9_.:@-], stable per ticket and "
                    + "recipient (CardDelivery.outTrackId(ticket, recipient)); was '" + outTrackId + "'");
        }
        if ((userId == null || userId.isBlank()) == (openConversationId == null || openConversationId.isBlank())) {
            throw new IllegalArgumentException("userId or openConversationId: name exactly one recipient (a person's "
                    + "robot chat or a group)");
        }
        for (String id : new String[] {userId, openConversationId}) {
            if (id != null && (id.contains(";") || id.contains(" "))) {
                throw new IllegalArgumentException("userId / openConversationId '" + id + "' holds ';' or a space");
            }
        }
    }

    /** The card goes to a person (IM_ROBOT) rather than a group. */
    public boolean toPerson() {
        return userId != null && !userId.isBlank();
    }

    /**
     * A stable outTrackId for a ticket's card to one recipient: {@code tkt-<ticket>-<recipient>}, characters outside
     * the allowed set replaced by {@code _}, shortened with a hash beyond 128.
     */
    public static String outTrackId(String ticketId, String recipient) {
        String raw = "tkt-" + ticketId + "-" + recipient;
        String safe = raw.replaceAll("[^A-Za-z0-9_.:@-]", "_");
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

    static Map<String, String> copy(Map<String, String> m, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null) {
            return out;
        }
        m.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(field + ": keys and values must not be null");
            }
            if (k.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                    || v.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException(field + "." + k + ": a key is at most " + MAX_KEY_BYTES
                        + " bytes, a value at most " + MAX_VALUE_BYTES + " bytes");
            }
            out.put(k, v);
        });
        return out;
    }
}
