package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockContext;

/**
 * A user clicking a button of an interactive card — DingTalk calling the hub
 * (docs/vendor-apis/dingtalk.md §7.3, §7.4, §13.5): {@code actionCallback} POSTed to the URL registered for the card's
 * route key, signed with
 * {@code x-ddpaas-signature} when an apiSecret was registered; the hub's answer must be a JSON object within
 * {@link DingTalkSettings#cardCallbackReplyTimeoutMs}, and card data in it updates the card (public data for everyone,
 * {@code userPrivateData} for the clicking user). Every click is recorded on its card with the verdict.
 */
final class DingTalkCardClicks {

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkCards cards;
    private final Supplier<String> corpId;

    DingTalkCardClicks(ImCrmContext<DingTalkSettings, String> platform, DingTalkCards cards, Supplier<String> corpId) {
        this.p = platform;
        this.cards = cards;
        this.corpId = corpId;
    }

    /**
     * See {@link DingTalkMock#clickCard}. Returns the attempt's record plus {@code cardUpdatedByReply} and the card's
     * state after the click ({@code card}).
     */
    Map<String, Object> click(String outTrackId, String userId, JsonNode params, List<String> actionIds,
                              String signature, String timestampMs, String urlOverride) {
        String url;
        String apiSecret;
        synchronized (p.lock()) {
            DingTalkCard card = cards.card(outTrackId);
            if (card == null && urlOverride == null) {
                throw new IllegalArgumentException("no card with outTrackId " + outTrackId);
            }
            DingTalkCards.Route route = card == null ? null : cards.route(card.callbackRouteKey);
            if (urlOverride == null && (!"HTTP".equals(card.callbackType) || route == null)) {
                // docs/vendor-apis/dingtalk.md §7.5: such clicks never reach the application
                throw new IllegalStateException("card " + outTrackId + " was sent with callbackType "
                        + card.callbackType + " and route key " + card.callbackRouteKey + ", which has no registered "
                        + "HTTP callback route: DingTalk would not deliver this click");
            }
            url = urlOverride != null ? urlOverride : route.callbackUrl();
            apiSecret = route == null ? null : route.apiSecret();
        }
        Map<String, Object> privateData = new LinkedHashMap<>();
        privateData.put("actionIds", actionIds);
        privateData.put("params", p.json().convertValue(params, Map.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "actionCallback");
        body.put("outTrackId", outTrackId);
        body.put("corpId", corpId.get());
        body.put("userId", userId);
        body.put("content", p.toJson(Map.of("cardPrivateData", privateData))); // a JSON string, not an object
        String bodyText = p.toJson(body);
        String ts = timestampMs != null ? timestampMs : String.valueOf(p.millis());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (apiSecret != null && !apiSecret.isEmpty() && !"none".equalsIgnoreCase(signature)) {
            String sig = signature(apiSecret, ts);
            if ("tampered".equalsIgnoreCase(signature)) {
                sig = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
            }
            headers.put("x-ddpaas-signature-timestamp", ts);
            headers.put("x-ddpaas-signature", sig);
        }
        CallbackSender.Exchange exchange = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                return new CallbackSender.Outgoing("POST", URI.create(url), headers, bodyText);
            }

            @Override
            public String verify(int status, String replyBody, int attempt) {
                return verifyReply(status, replyBody);
            }
        };
        // no re-sends: the retry policy of card callbacks is unknown (docs/vendor-apis/dingtalk.md §7.4)
        CallbackSender.Attempt a = p.sender().deliver("card:click", exchange, p.settings().cardCallbackReplyTimeoutMs,
                List.of());
        return record(outTrackId, userId, params, actionIds, a);
    }

    /** Applies card data of an accepted answer and records the click on its card. */
    private Map<String, Object> record(String outTrackId, String userId, JsonNode params, List<String> actionIds,
                                       CallbackSender.Attempt a) {
        JsonNode reply = a.accepted() ? MockContext.parseJsonOrNull(a.replyBody()) : null;
        boolean updates = reply != null && (reply.has("cardData") || reply.has("userPrivateData"));
        Map<String, Object> out = new LinkedHashMap<>(p.json().convertValue(a, Map.class));
        synchronized (p.lock()) {
            DingTalkCard card = cards.card(outTrackId);
            if (card != null) {
                if (updates) {
                    ObjectNode mine = p.json().createObjectNode();
                    if (reply.has("userPrivateData")) {
                        mine.set(userId, reply.get("userPrivateData"));
                    }
                    JsonNode o = reply.path("cardUpdateOptions");
                    card.apply(reply.path("cardData"), mine, o.path("updateCardDataByKey").asBoolean(false),
                            o.path("updatePrivateDataByKey").asBoolean(false), "callbackReply", p.millis(),
                            p.json().convertValue(reply, Map.class));
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("userId", userId);
                c.put("params", p.json().convertValue(params, Map.class));
                c.put("actionIds", actionIds);
                c.put("atMillis", a.sentAtMillis());
                c.put("accepted", a.accepted());
                c.put("verdict", a.verdict());
                c.put("replyStatus", a.replyStatus());
                c.put("replyBody", a.replyBody());
                c.put("elapsedMs", a.elapsedMs());
                c.put("cardUpdatedByReply", updates);
                card.clicks.add(c);
            }
            out.put("cardUpdatedByReply", updates);
            out.put("card", card == null ? null : card.view());
        }
        return out;
    }

    /**
     * Null when the hub's answer is what DingTalk takes (docs/vendor-apis/dingtalk.md §7.4): HTTP 200 with a JSON
     * object, whose optional {@code cardData.cardParamMap} and {@code userPrivateData.cardParamMap} hold strings
     * within the limits; else why not.
     */
    static String verifyReply(int status, String body) {
        if (status != 200) {
            return "HTTP " + status;
        }
        JsonNode reply = MockContext.parseJsonOrNull(body);
        if (reply == null || !reply.isObject()) {
            return "the answer is not a JSON object";
        }
        try {
            DingTalkCard.params(reply.path("cardData").path("cardParamMap"));
            DingTalkCard.params(reply.path("userPrivateData").path("cardParamMap"));
        } catch (IllegalArgumentException e) {
            return "card data in the answer refused: " + e.getMessage();
        }
        return null;
    }

    /** Base64(HMAC-SHA256(key = apiSecret, msg = decimal timestamp)): the card callback's x-ddpaas-signature. */
    static String signature(String apiSecret, String timestampMs) {
        return Base64.getEncoder().encodeToString(DingTalkRobots.hmacSha256(apiSecret, timestampMs));
    }
}
