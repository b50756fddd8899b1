package org.aftersaleshub.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A change to a delivered card (docs/vendor-apis/dingtalk.md §7.4, §13.3): {@code PUT /v1.0/card/instances}. The
 * route's JSON body:
 * <pre>{"key"?:"…","outTrackId":"tkt-T-000123-ding_user_001","cardData":{"status":"已由 张三 接单",
 *  "actions":"arrive,complete"},"privateData"?:{"ding_user_001":{"canAccept":"false"}},"merge"?:true}</pre>
 *
 * @param key         the idempotency key; derived from the card and the data when not given
 * @param outTrackId  the card
 * @param cardData    variables to set for everyone
 * @param privateData per userid, variables to set for that user
 * @param merge       true (the default): only the given variables change ({@code updateCardDataByKey},
 *                    {@code updatePrivateDataByKey}); false: the given maps replace the card's data
 */
public record CardUpdate(String key, String outTrackId, Map<String, String> cardData,
                         Map<String, Map<String, String>> privateData, boolean merge) {

    /**
     * @throws IllegalArgumentException naming the field
     */
    public CardUpdate {
        cardData = CardDelivery.copy(cardData, "cardData");
        Map<String, Map<String, String>> priv = new LinkedHashMap<>();
        if (privateData != null) {
            privateData.forEach((u, m) -> priv.put(u, CardDelivery.copy(m, "privateData." + u)));
        }
        privateData = Map.copyOf(priv);
        if (outTrackId == null || !CardDelivery.OUT_TRACK_ID.matcher(outTrackId).matches()) {
            throw new IllegalArgumentException("outTrackId: the card to update, as delivered; was '" + outTrackId
                    + "'");
        }
        if (cardData.isEmpty() && privateData.isEmpty()) {
            throw new IllegalArgumentException("cardData or privateData: an update changes something");
        }
        if (key == null || key.isBlank()) {
            key = "card-update-" + UUID.nameUUIDFromBytes((outTrackId + "\n" + cardData + "\n" + privateData + "\n"
                    + merge).getBytes(StandardCharsets.UTF_8));
        }
    }
}
