package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interactive card instance as the platform keeps it (docs/vendor-apis/dingtalk.md §7.2, §7.4): where it went,
 * its public {@code cardParamMap}, each user's private one, every update (by the API or by a click's answer) and every
 * click. Guarded by the mock's lock.
 */
final class DingTalkCard {

    /** Limits of a {@code cardParamMap} entry (docs/vendor-apis/dingtalk.md §7.2): key ≤ 100 bytes, value ≤ 1 KB. */
    static final int MAX_KEY_BYTES = 100;
    static final int MAX_VALUE_BYTES = 1024;

    final String outTrackId;
    final String cardTemplateId;
    final String callbackType;
    final String callbackRouteKey;
    final String openSpaceId;
    final long createdAtMillis;
    final List<Map<String, Object>> deliverResults;
    final Map<String, String> cardData = new LinkedHashMap<>();
    final Map<String, Map<String, String>> privateData = new LinkedHashMap<>();
    final List<Map<String, Object>> updates = new ArrayList<>();
    final List<Map<String, Object>> clicks = new ArrayList<>();
    int repeatedDeliveries;

    DingTalkCard(String outTrackId, String cardTemplateId, String callbackType, String callbackRouteKey,
                 String openSpaceId, long createdAtMillis, List<Map<String, Object>> deliverResults) {
        this.outTrackId = outTrackId;
        this.cardTemplateId = cardTemplateId;
        this.callbackType = callbackType;
        this.callbackRouteKey = callbackRouteKey;
        this.openSpaceId = openSpaceId;
        this.createdAtMillis = createdAtMillis;
        this.deliverResults = List.copyOf(deliverResults);
    }

    /**
     * A {@code cardParamMap} as the platform takes it: string values only, within the size limits.
     *
     * @throws IllegalArgumentException naming the offending key
     */
    static Map<String, String> params(JsonNode cardParamMap) {
        Map<String, String> out = new LinkedHashMap<>();
        if (cardParamMap == null || cardParamMap.isMissingNode() || cardParamMap.isNull()) {
            return out;
        }
        if (!cardParamMap.isObject()) {
            throw new IllegalArgumentException("cardParamMap must be an object of strings");
        }
        var fields = cardParamMap.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException("cardParamMap." + f.getKey() + " must be a string");
            }
            if (f.getKey().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                    || f.getValue().asText().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("cardParamMap." + f.getKey() + " is longer than the key ("
                        + MAX_KEY_BYTES + " bytes) or value (" + MAX_VALUE_BYTES + " bytes) limit");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    /** Checks a whole update (public and private data) before anything of it is applied. */
    static void check(JsonNode cardData, JsonNode privateData) {
        params(cardData.path("cardParamMap"));
        if (privateData != null && privateData.isObject()) {
            privateData.fields().forEachRemaining(u -> params(u.getValue().path("cardParamMap")));
        }
    }

    /**
     * Applies an update: {@code cardData.cardParamMap} merged by key or replacing the public data, and per user
     * {@code privateData.<userId>.cardParamMap} merged or replacing that user's data
     * (docs/vendor-apis/dingtalk.md §7.4: without the by-key options the data is overwritten). Call {@link #check}
     * first.
     */
    void apply(JsonNode cardDataNode, JsonNode privateDataNode, boolean cardByKey, boolean privateByKey,
               String source, long atMillis, Object body) {
        if (cardDataNode != null && cardDataNode.has("cardParamMap")) {
            if (!cardByKey) {
                cardData.clear();
            }
            cardData.putAll(params(cardDataNode.get("cardParamMap")));
        }
        if (privateDataNode != null && privateDataNode.isObject()) {
            privateDataNode.fields().forEachRemaining(u -> {
                Map<String, String> mine = privateData.computeIfAbsent(u.getKey(), k -> new LinkedHashMap<>());
                if (!privateByKey) {
                    mine.clear();
                }
                mine.putAll(params(u.getValue().path("cardParamMap")));
            });
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("atMillis", atMillis);
        update.put("source", source);
        update.put("body", body);
        updates.add(update);
    }

    /** The card in the state snapshot and on {@code GET /mock-admin/cards/{outTrackId}}. */
    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("outTrackId", outTrackId);
        v.put("cardTemplateId", cardTemplateId);
        v.put("callbackType", callbackType);
        v.put("callbackRouteKey", callbackRouteKey);
        v.put("openSpaceId", openSpaceId);
        v.put("createdAtMillis", createdAtMillis);
        v.put("deliverResults", deliverResults);
        v.put("cardData", Map.of("cardParamMap", new LinkedHashMap<>(cardData)));
        Map<String, Object> priv = new LinkedHashMap<>();
        privateData.forEach((u, m) -> priv.put(u, Map.of("cardParamMap", new LinkedHashMap<>(m))));
        v.put("privateData", priv);
        v.put("updateCount", updates.size());
        v.put("updates", List.copyOf(updates));
        v.put("clicks", List.copyOf(clicks));
        v.put("repeatedDeliveries", repeatedDeliveries);
        return v;
    }
}
