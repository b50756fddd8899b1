package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk interactive cards, the API side (docs/vendor-apis/dingtalk.md §7, §13): registering an HTTP callback
 * route ({@code card/callbacks/register}), {@code createAndDeliver} to robot chats and groups with a result per space,
 * a re-used {@code outTrackId} changing nothing, and {@code PUT card/instances} updates with
 * {@code cardUpdateOptions}. The clicks — the platform calling the hub — are {@link DingTalkCardClicks}. State guarded
 * by the mock's lock.
 */
final class DingTalkCards {

    static final String SPACE_PREFIX = "dtv1.card//";

    /** Where a click on a card goes: the route's URL and, when registered, its apiSecret. */
    record Route(String callbackUrl, String apiSecret) {
    }

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final Predicate<String> knownUser;
    private final Map<String, Map<String, Object>> cardCallbackRoutes = new LinkedHashMap<>();
    private final Map<String, DingTalkCard> cards = new LinkedHashMap<>();

    /** @param knownUser whether a userid belongs to the organisation (an IM_ROBOT space for anyone else fails) */
    DingTalkCards(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers,
                  Predicate<String> knownUser) {
        this.p = platform;
        this.answers = answers;
        this.knownUser = knownUser;
    }

    void clear() {
        cardCallbackRoutes.clear();
        cards.clear();
    }

    /** {@code cardCallbackRoutes} and {@code cards} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s) {
        s.put("cardCallbackRoutes", new LinkedHashMap<>(cardCallbackRoutes));
        Map<String, Object> views = new LinkedHashMap<>();
        cards.forEach((id, c) -> views.put(id, c.view()));
        s.put("cards", views);
    }

    /** One card's view, or null. Caller holds the lock. */
    Map<String, Object> view(String outTrackId) {
        DingTalkCard c = cards.get(outTrackId);
        return c == null ? null : c.view();
    }

    /** The card, or null. Caller holds the lock. */
    DingTalkCard card(String outTrackId) {
        return cards.get(outTrackId);
    }

    /** The registered route of a route key, or null. Caller holds the lock. */
    Route route(String routeKey) {
        Map<String, Object> r = routeKey == null ? null : cardCallbackRoutes.get(routeKey);
        return r == null ? null : new Route((String) r.get("callbackUrl"), (String) r.get("apiSecret"));
    }

    MockResponse registerCallback(MockRequest req) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.hasNonNull("callbackUrl") || !b.hasNonNull("callbackRouteKey")) {
            return answers.newApiError(400, "MissingcallbackUrl",
                    "callbackUrl and callbackRouteKey are mandatory for this action.");
        }
        String key = b.get("callbackRouteKey").asText();
        synchronized (p.lock()) {
            Map<String, Object> existing = cardCallbackRoutes.get(key);
            // one route key → one URL; only forceUpdate moves it (docs/vendor-apis/dingtalk.md §7.1)
            if (existing == null || b.path("forceUpdate").asBoolean(false)) {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("callbackUrl", b.get("callbackUrl").asText());
                route.put("apiSecret", b.path("apiSecret").asText(null));
                route.put("registeredAtMillis", p.millis());
                cardCallbackRoutes.put(key, route);
                existing = route;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("callbackUrl", existing.get("callbackUrl"));
            result.put("callbackRouteKey", key);
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
        String callbackType = b.path("callbackType").asText("STREAM");
        if ("HTTP".equals(callbackType) && !b.hasNonNull("callbackRouteKey")) {
            return answers.newApiError(400, "MissingcallbackRouteKey", "callbackRouteKey is mandatory for HTTP "
                    + "callbacks."); // [I] code; docs/vendor-apis/dingtalk.md §13.7
        }
        String openSpaceId = b.path("openSpaceId").asText("");
        if (!openSpaceId.startsWith(SPACE_PREFIX)) {
            return answers.newApiError(400, "InvalidParameter.openSpaceId", "openSpaceId must look like "
                    + SPACE_PREFIX + "IM_ROBOT.<userId> or " + SPACE_PREFIX + "IM_GROUP.<openConversationId>.");
        }
        try {
            DingTalkCard.check(b.path("cardData"), b.path("privateData"));
        } catch (IllegalArgumentException e) {
            return answers.newApiError(400, "InvalidParameter.cardData", e.getMessage());
        }
        String outTrackId = b.get("outTrackId").asText();
        synchronized (p.lock()) {
            DingTalkCard existing = cards.get(outTrackId);
            if (existing != null) {
                // a used outTrackId changes nothing (docs/vendor-apis/dingtalk.md §7.2); the answer is [I]
                if ("error".equalsIgnoreCase(p.settings().cardReusedOutTrackIdAnswer)) {
                    return answers.newApiError(400, "param.outTrackIdExist", "outTrackId already exists.");
                }
                existing.repeatedDeliveries++;
                return deliverAnswer(outTrackId, existing.deliverResults);
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (String space : openSpaceId.substring(SPACE_PREFIX.length()).split(";")) {
                if (!space.isBlank()) {
                    results.add(deliver(space.trim(), b));
                }
            }
            DingTalkCard card = new DingTalkCard(outTrackId, b.get("cardTemplateId").asText(), callbackType,
                    b.path("callbackRouteKey").asText(null), openSpaceId, p.millis(), results);
            card.apply(b.path("cardData"), b.path("privateData"), false, false, "createAndDeliver", p.millis(),
                    null);
            card.updates.clear(); // the creation is not an update
            cards.put(outTrackId, card);
            return deliverAnswer(outTrackId, results);
        }
    }

    /** One space of {@code openSpaceId}: delivered, or why not (the per-space reasons are [I]). */
    private Map<String, Object> deliver(String space, JsonNode b) {
        int dot = space.indexOf('.');
        String type = dot < 0 ? space : space.substring(0, dot);
        String id = dot < 0 ? "" : space.substring(dot + 1);
        String error = switch (type) {
            case "IM_ROBOT" -> !b.path("imRobotOpenDeliverModel").isObject() ? "imRobotOpenDeliverModel is required"
                    : b.path("userIdType").asInt(1) == 1 && !knownUser.test(id) ? "user not found: " + id : null;
            case "IM_GROUP" -> b.path("imGroupOpenDeliverModel").path("robotCode").asText("").isEmpty()
                    ? "imGroupOpenDeliverModel.robotCode is required" : id.isEmpty() ? "openConversationId is empty"
                    : null;
            default -> "spaceType " + type + " is not supported";
        };
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("spaceType", type);
        r.put("spaceId", id);
        r.put("success", error == null);
        r.put("carrierId", error == null ? "carrier-" + b.get("outTrackId").asText() + "-" + id : null);
        r.put("errorMsg", error);
        return r;
    }

    private MockResponse deliverAnswer(String outTrackId, List<Map<String, Object>> results) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outTrackId", outTrackId);
        result.put("deliverResults", results);
        return MockResponse.json(200, p.toJson(Map.of("success", true, "result", result)));
    }

    MockResponse update(MockRequest req) {
        if (!"PUT".equals(req.method())) {
            return answers.notFound();
        }
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.hasNonNull("outTrackId")) {
            return answers.newApiError(400, "MissingoutTrackId", "outTrackId is mandatory for this action.");
        }
        try {
            DingTalkCard.check(b.path("cardData"), b.path("privateData"));
        } catch (IllegalArgumentException e) {
            return answers.newApiError(400, "InvalidParameter.cardData", e.getMessage());
        }
        synchronized (p.lock()) {
            DingTalkCard card = cards.get(b.get("outTrackId").asText());
            if (card == null) {
                return answers.newApiError(400, "param.cardNotExist", "卡片不存在");
            }
            JsonNode o = b.path("cardUpdateOptions");
            card.apply(b.path("cardData"), b.path("privateData"), o.path("updateCardDataByKey").asBoolean(false),
                    o.path("updatePrivateDataByKey").asBoolean(false), "api", p.millis(),
                    p.json().convertValue(b, Map.class));
        }
        return MockResponse.json(200, "{\"success\":true,\"result\":true}");
    }
}
