package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk interactive cards (docs/vendor-apis/dingtalk.md §7): registering an HTTP callback route
 * ({@code card/callbacks/register}), {@code createAndDeliver} and {@code PUT card/instances} updates, and — as the
 * platform calling the hub — a user's button click POSTed to the route's URL, signed with {@code x-ddpaas-signature}.
 * State guarded by the mock's lock.
 */
final class DingTalkCards {

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final Supplier<String> corpId;
    private final Map<String, Map<String, Object>> cardCallbackRoutes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> cards = new LinkedHashMap<>();

    DingTalkCards(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers, Supplier<String> corpId) {
        this.p = platform;
        this.answers = answers;
        this.corpId = corpId;
    }

    void clear() {
        cardCallbackRoutes.clear();
        cards.clear();
    }

    /** {@code cardCallbackRoutes} and {@code cards} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s) {
        s.put("cardCallbackRoutes", Map.copyOf(cardCallbackRoutes));
        s.put("cards", Map.copyOf(cards));
    }

    MockResponse registerCallback(MockRequest req) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.hasNonNull("callbackUrl") || !b.hasNonNull("callbackRouteKey")) {
            return answers.newApiError(400, "MissingcallbackUrl", "callbackUrl and callbackRouteKey are mandatory for this action.");
        }
        String key = b.get("callbackRouteKey").asText();
        synchronized (p.lock()) {
            Map<String, Object> existing = cardCallbackRoutes.get(key);
            if (existing == null || b.path("forceUpdate").asBoolean(false)) {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("callbackUrl", b.get("callbackUrl").asText());
                route.put("apiSecret", b.path("apiSecret").asText(null));
                cardCallbackRoutes.put(key, route);
                existing = route;
            }
            Map<String, Object> result = new LinkedHashMap<>(existing);
            return MockResponse.json(200, p.toJson(Map.of("success", true, "result", result)));
        }
    }

    MockResponse createAndDeliver(MockRequest req) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.hasNonNull("outTrackId")) {
            return answers.newApiError(400, "MissingoutTrackId", "outTrackId is mandatory for this action.");
        }
        if (!b.hasNonNull("cardTemplateId")) {
            return answers.newApiError(400, "MissingcardTemplateId", "cardTemplateId is mandatory for this action.");
        }
        String outTrackId = b.get("outTrackId").asText();
        synchronized (p.lock()) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("outTrackId", outTrackId);
            card.put("cardTemplateId", b.get("cardTemplateId").asText());
            card.put("callbackType", b.path("callbackType").asText("STREAM"));
            card.put("callbackRouteKey", b.path("callbackRouteKey").asText(null));
            card.put("openSpaceId", b.path("openSpaceId").asText(null));
            card.put("cardData", p.json().convertValue(b.path("cardData"), Object.class));
            card.put("updates", new ArrayList<>());
            card.put("createdAtMillis", p.millis());
            cards.put(outTrackId, card);
        }
        Map<String, Object> deliver = new LinkedHashMap<>();
        deliver.put("spaceType", spaceTypeOf(b.path("openSpaceId").asText("")));
        deliver.put("spaceId", b.path("openSpaceId").asText(""));
        deliver.put("success", true);
        deliver.put("carrierId", "carrier-" + outTrackId);
        return MockResponse.json(200, p.toJson(Map.of("success", true,
                "result", Map.of("outTrackId", outTrackId, "deliverResults", List.of(deliver)))));
    }

    /** {@code dtv1.card//IM_ROBOT.userId;} → {@code IM_ROBOT}. */
    private static String spaceTypeOf(String openSpaceId) {
        int start = openSpaceId.indexOf("//");
        int dot = start < 0 ? -1 : openSpaceId.indexOf('.', start + 2);
        return dot > 0 ? openSpaceId.substring(start + 2, dot) : "IM_ROBOT";
    }

    @SuppressWarnings("unchecked")
    MockResponse update(MockRequest req) {
        if (!"PUT".equals(req.method())) {
            return answers.notFound();
        }
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.hasNonNull("outTrackId")) {
            return answers.newApiError(400, "MissingoutTrackId", "outTrackId is mandatory for this action.");
        }
        synchronized (p.lock()) {
            Map<String, Object> card = cards.get(b.get("outTrackId").asText());
            if (card == null) {
                return answers.newApiError(400, "param.cardNotExist", "卡片不存在"); // [I] code not documented
            }
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("atMillis", p.millis());
            update.put("body", p.json().convertValue(b, Map.class));
            ((List<Object>) card.get("updates")).add(update);
            if (b.has("cardData")) {
                card.put("cardData", p.json().convertValue(b.get("cardData"), Object.class));
            }
        }
        return MockResponse.json(200, "{\"success\":true,\"result\":true}");
    }

    /** See {@link DingTalkMock#clickCard}. */
    CallbackSender.Attempt click(String outTrackId, String userId, JsonNode params, List<String> actionIds,
                                 String signature, String timestampMs, String urlOverride) {
        String url;
        String apiSecret;
        synchronized (p.lock()) {
            Map<String, Object> card = cards.get(outTrackId);
            Map<String, Object> route = card == null ? null : cardCallbackRoutes.get((String) card.get("callbackRouteKey"));
            url = urlOverride != null ? urlOverride : route == null ? null : (String) route.get("callbackUrl");
            apiSecret = route == null ? null : (String) route.get("apiSecret");
        }
        if (url == null) {
            throw new IllegalStateException("card " + outTrackId + " has no registered HTTP callback route");
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
        if (apiSecret != null && !"none".equalsIgnoreCase(signature)) {
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
                return status / 100 == 2 ? null : "HTTP " + status;
            }
        };
        return p.sender().deliver("card:click", exchange, p.settings().callback.replyTimeoutMs, List.of());
    }

    /** Base64(HMAC-SHA256(key = apiSecret, msg = decimal timestamp)): the card callback's x-ddpaas-signature. */
    static String signature(String apiSecret, String timestampMs) {
        return Base64.getEncoder().encodeToString(DingTalkRobots.hmacSha256(apiSecret, timestampMs));
    }
}
