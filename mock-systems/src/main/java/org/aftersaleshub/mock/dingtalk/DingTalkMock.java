package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.Directory;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk (钉钉) stand-in (docs/vendor-apis/dingtalk.md; what it reproduces: §9). One port serves both hosts: the legacy
 * {@code oapi.dingtalk.com} paths ({@code /gettoken}, {@code /topapi/...}, {@code /robot/send}) and the new
 * {@code api.dingtalk.com} paths ({@code /v1.0/...}).
 *
 * <p>Business API: both token styles; work notices ({@code asyncsend_v2} + {@code getsendresult}); custom group
 * robots with sign / keyword / IP security and 20 messages per minute then a 10-minute block; per-app QPS and
 * per-IP bans; the monthly API quota; interactive cards; the contacts directory (departments, users, leaders;
 * docs/vendor-apis/dingtalk.md §12). As the platform calling the hub: encrypted HTTP event push with re-sends,
 * signed card-button clicks.
 *
 * <p>This class routes each request to its API surface — {@link DingTalkTokens}, {@link DingTalkServerLimits} (the
 * gate in front of the server API, with the monthly quota), {@link DingTalkWorkNotices}, {@link DingTalkRobots},
 * {@link DingTalkCards} and {@link DingTalkCardClicks}, {@link DingTalkEventPush} — and holds the typed views for tests and the admin paths.
 *
 * <p>Own admin paths (besides the shared ones of {@link HttpMock}):
 * <ul>
 *   <li>{@code GET|POST /mock-admin/config} — read / merge {@link DingTalkSettings}</li>
 *   <li>{@code POST /mock-admin/robots} — add or replace a robot
 *       {@code {"accessToken","secret"?,"keywords"?:[],"ipWhitelist"?:[],"disabled"?}}</li>
 *   <li>{@code POST /mock-admin/tokens/expire} — expire every token now (42001 / InvalidAuthentication)</li>
 *   <li>{@code POST /mock-admin/tokens/invalidate} — forget every token (40014)</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/scripted-errors} — {@code {"operation":"asyncsend_v2","errcode":90002,"count":1}}</li>
 *   <li>{@code POST /mock-admin/work-notices/read} — {@code {"taskId":..,"userId":..}} marks a notice read</li>
 *   <li>{@code POST /mock-admin/callback/push} — push an event to the hub, see {@link #pushEvent}</li>
 *   <li>{@code POST /mock-admin/cards/{outTrackId}/click} — {@code {"userId","action"?,"params"?:{},
 *       "actionIds"?:["1"],"signature"?:"valid|tampered|none","timestamp"?,"url"?}}: a user clicks a button,
 *       see {@link #clickCard}; answers the click's record and the card after it</li>
 *   <li>{@code POST /mock-admin/card/click} — the same with {@code outTrackId} in the body</li>
 *   <li>{@code GET /mock-admin/cards}, {@code GET /mock-admin/cards/{outTrackId}} — cards with their data, updates
 *       ({@code updateCount}) and clicks</li>
 *   <li>{@code GET|POST /mock-admin/api-quota} — this month's quota count; POST {@code {"used":4990}} sets it
 *       (the limit is the setting {@code monthlyApiQuota})</li>
 *   <li>{@code GET /mock-admin/directory}, {@code POST /mock-admin/directory/users}, {@code .../users/remove},
 *       {@code .../departments}, {@code .../departments/remove} — the contacts directory
 *       (docs/vendor-apis/dingtalk.md §12.8), see {@link Directory#admin}</li>
 * </ul>
 */
public class DingTalkMock extends ImCrmMock<DingTalkSettings, String> {

    /** A DingTalk app (internal app credentials). */
    public record App(String appKey, String appSecret, long agentId) {
    }

    /** A custom group robot and its security settings; at least one of secret, keywords, ipWhitelist is set. */
    public record Robot(String name, String accessToken, String secret, List<String> keywords,
                        List<String> ipWhitelist, boolean disabled) {
    }

    /**
     * Options of one event push; all optional. Fixed {@code random16}/{@code timestamp}/{@code nonce} reproduce
     * the known-answer vectors; {@code tamperSignature} and {@code ownerKey} make the negative cases.
     */
    public record PushOptions(String random16, String timestamp, String nonce, boolean tamperSignature,
                              String ownerKey) {
        public static PushOptions defaults() {
            return new PushOptions(null, null, null, false, null);
        }
    }

    // ---- state, guarded by "this"
    private String corpId = "ding0000demo0corp";
    private final DingTalkAnswers answers = new DingTalkAnswers(platform);
    private final DingTalkTokens tokenSurface = new DingTalkTokens(platform, answers);
    private final DingTalkServerLimits serverLimits = new DingTalkServerLimits(platform, answers);
    private final DingTalkWorkNotices workNotices = new DingTalkWorkNotices(platform, answers, tokenSurface);
    private final DingTalkRobots robots = new DingTalkRobots(platform);
    private final DingTalkContacts contacts = new DingTalkContacts(platform, answers);
    // a card reaches anyone of the organisation: a work-notice user or a member of the contacts directory
    private final DingTalkCards cards = new DingTalkCards(platform, answers,
            u -> workNotices.isUser(u) || contacts.directory().member(u) != null);
    private final DingTalkCardClicks cardClicks = new DingTalkCardClicks(platform, cards, this::corpId);
    private final DingTalkEventPush eventPush = new DingTalkEventPush(platform);

    public DingTalkMock() {
        super("dingtalk", DingTalkSettings::new, s -> s.callback);
    }

    @Override
    public int defaultPort() {
        return 18084;
    }

    private String corpId() {
        return corpId;
    }

    // ------------------------------------------------------------------ seed, reset, state

    @Override
    protected synchronized void seed(JsonNode data) {
        for (JsonNode s : data.path("staff")) {
            if (s.hasNonNull("dingtalkUserId")) {
                workNotices.addUser(s.get("dingtalkUserId").asText());
            }
        }
        for (JsonNode r : data.path("robots").path("dingtalk")) {
            List<String> keywords = new ArrayList<>();
            r.path("keywords").forEach(k -> keywords.add(k.asText()));
            if (r.hasNonNull("keyword")) {
                keywords.add(r.get("keyword").asText());
            }
            List<String> ips = new ArrayList<>();
            r.path("ipWhitelist").forEach(k -> ips.add(k.asText()));
            addRobot(new Robot(r.path("name").asText(null), r.path("accessToken").asText(),
                    r.path("secret").asText(null), keywords, ips, r.path("disabled").asBoolean(false)));
        }
        contacts.directory().seed(data.path("directory"), "dingtalkUserId");
        // everyone in the contacts directory is a user a work notice reaches, the 服务总监 included
        for (JsonNode u : data.path("directory").path("users")) {
            if (u.hasNonNull("dingtalkUserId")) {
                workNotices.addUser(u.get("dingtalkUserId").asText());
            }
        }
        JsonNode own = data.path(name());
        if (own.hasNonNull("corpId")) {
            corpId = own.get("corpId").asText();
        }
        for (JsonNode a : own.path("apps")) {
            tokenSurface.addApp(new App(a.path("appKey").asText(), a.path("appSecret").asText(),
                    a.path("agentId").asLong()));
        }
        seedCallbackSection(own);
    }

    @Override
    protected void clearPlatformState() {
        tokenSurface.clear();
        workNotices.clear();
        robots.clear();
        serverLimits.clear();
        cards.clear();
        contacts.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        s.put("corpId", corpId);
        long now = clock.millis();
        tokenSurface.putState(s, now);
        workNotices.putState(s);
        s.put("robots", robots.view(now));
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
        s.put("ipBans", serverLimits.ipBans());
        s.put("apiQuota", serverLimits.quotaView());
        cards.putState(s);
        s.put("directory", contacts.directory().view());
    }

    /**
     * The contacts directory (docs/vendor-apis/dingtalk.md §12), for tests to change at run time: hold the mock's lock
     * through {@link #withDirectory}.
     */
    public synchronized <T> T withDirectory(Function<Directory, T> action) {
        return action.apply(contacts.directory());
    }

    /** Messages robot {@code accessToken} delivered to its group, oldest first. */
    public synchronized List<Map<String, Object>> robotMessages(String accessToken) {
        return robots.messages(accessToken);
    }

    /** Work notices delivered to {@code userId}, oldest first. */
    public synchronized List<Map<String, Object>> messagesTo(String userId) {
        return workNotices.messagesTo(userId);
    }

    /** Adds or replaces a custom robot. */
    public synchronized void addRobot(Robot robot) {
        robots.add(robot);
    }

    /** Adds or replaces an app. */
    public synchronized void addApp(App app) {
        tokenSurface.addApp(app);
    }

    // ------------------------------------------------------------------ routing

    @Override
    protected String operationOf(MockRequest req) {
        String p = req.path();
        if (p.startsWith("/topapi/message/corpconversation/")) {
            return p.substring("/topapi/message/corpconversation/".length());
        }
        return switch (p) {
            case "/gettoken" -> "gettoken";
            case "/v1.0/oauth2/accessToken" -> "oauth2/accessToken";
            case "/robot/send" -> "robot/send";
            case "/v1.0/card/callbacks/register" -> "card/callbacks/register";
            case "/v1.0/card/instances/createAndDeliver" -> "card/createAndDeliver";
            case "/v1.0/card/instances" -> "card/update";
            default -> p.startsWith("/v1.0/") ? p.substring("/v1.0/".length()) : p.substring(1);
        };
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String p = req.path();
        String op = operationOf(req);
        if (p.equals("/gettoken")) {
            return tokenSurface.legacyToken(req);
        }
        if (p.equals("/v1.0/oauth2/accessToken")) {
            return tokenSurface.newToken(req);
        }
        if (p.equals("/robot/send")) {
            return robots.send(req);
        }
        boolean newApi = p.startsWith("/v1.0/");
        DingTalkServerLimits.Gate gate = serverLimits.check(req, op, newApi);
        if (gate instanceof DingTalkServerLimits.Gate.Denied denied) {
            return denied.response();
        }
        String appKey = ((DingTalkServerLimits.Gate.Allowed) gate).appKey();
        return switch (op) {
            case "asyncsend_v2" -> workNotices.asyncSend(req, appKey);
            case "getsendresult" -> workNotices.getSendResult(req, appKey);
            case "card/callbacks/register" -> cards.registerCallback(req);
            case "card/createAndDeliver" -> cards.createAndDeliver(req);
            case "card/update" -> cards.update(req);
            default -> {
                MockResponse contactsAnswer = newApi ? null : contacts.handle(op, req);
                if (contactsAnswer != null) {
                    yield contactsAnswer;
                }
                yield newApi ? answers.notFound() : answers.legacy(22, "Invalid method[" + p + "]");
            }
        };
    }

    /** Base64(HMAC-SHA256(key = secret, msg = timestamp + "\n" + secret)), not URL-encoded. */
    public static String robotSign(String secret, String timestampMs) {
        return DingTalkRobots.sign(secret, timestampMs);
    }

    /** Base64(HMAC-SHA256(key = apiSecret, msg = decimal timestamp)): the card callback's x-ddpaas-signature. */
    public static String cardSignature(String apiSecret, String timestampMs) {
        return DingTalkCardClicks.signature(apiSecret, timestampMs);
    }

    /** A card's state (data, private data, {@code updateCount}, updates, clicks), or null when there is none. */
    public synchronized Map<String, Object> card(String outTrackId) {
        return cards.view(outTrackId);
    }

    // ------------------------------------------------------------------ the platform calling the hub

    /**
     * Pushes one event to the configured hub URL the way DingTalk's HTTP push does (docs/vendor-apis/dingtalk.md §6.2):
     * {@code POST url?msg_signature&timestamp&nonce} with {@code {"encrypt":...}}; the reply must be HTTP 200 JSON
     * {@code {msg_signature,timeStamp,nonce,encrypt}} whose decryption is {@code success} with the owner key, within
     * {@link DingTalkSettings.Callback#replyTimeoutMs}. Otherwise the push is re-sent after each of
     * {@link DingTalkSettings.Callback#retryDelaysMs}. Returns the first attempt; later ones show in state.
     */
    public CallbackSender.Attempt pushEvent(JsonNode event, PushOptions options) {
        return eventPush.push(event, options);
    }

    /**
     * Simulates a user clicking a button of an interactive card (docs/vendor-apis/dingtalk.md §7.3, §13.5): POSTs
     * {@code actionCallback} to the callback URL registered for the card's route key (or {@code urlOverride}), signed
     * with {@code x-ddpaas-signature} when an apiSecret was registered. {@code signature} is {@code valid},
     * {@code tampered} or {@code none}. The answer must be a JSON object within 2 s; card data in it updates the card.
     * No re-sends. Returns the attempt's record with {@code cardUpdatedByReply} and {@code card} (its state after).
     *
     * @throws IllegalArgumentException when there is no such card, IllegalStateException when its clicks could not
     *         reach the hub (no HTTP callback route)
     */
    public Map<String, Object> clickCard(String outTrackId, String userId, JsonNode params, List<String> actionIds,
                                         String signature, String timestampMs, String urlOverride) {
        return cardClicks.click(outTrackId, userId, params, actionIds, signature, timestampMs, urlOverride);
    }

    // ------------------------------------------------------------------ own admin paths

    @Override
    protected MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception {
        if (subPath.equals("directory") || subPath.startsWith("directory/")) {
            JsonNode body = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
            Object answer = withDirectory(d -> d.admin(subPath, body));
            if (answer instanceof Directory.Member added) {
                synchronized (this) {
                    // a new member can also receive work notices (docs/vendor-apis/dingtalk.md §12.8)
                    workNotices.addUser(added.userId());
                }
            }
            return answer == null ? null : MockResponse.json(200, toJson(answer));
        }
        if (subPath.startsWith("cards/")) {
            String rest = subPath.substring("cards/".length());
            if (rest.endsWith("/click") && "POST".equals(req.method())) {
                JsonNode b = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
                return click(rest.substring(0, rest.length() - "/click".length()), b);
            }
            Map<String, Object> card = card(rest);
            return card == null ? MockResponse.json(404, toJson(Map.of("error", "no card " + rest)))
                    : MockResponse.json(200, toJson(card));
        }
        switch (subPath) {
            case "robots" -> {
                JsonNode r = json.readTree(req.body());
                addRobot(new Robot(r.path("name").asText(null), r.path("accessToken").asText(),
                        r.path("secret").asText(null),
                        r.has("keywords") ? json.convertValue(r.get("keywords"), new TypeReference<List<String>>() { }) : List.of(),
                        r.has("ipWhitelist") ? json.convertValue(r.get("ipWhitelist"), new TypeReference<List<String>>() { }) : List.of(),
                        r.path("disabled").asBoolean(false)));
                return MockResponse.json(200, "{\"added\":true}");
            }
            case "apps" -> {
                JsonNode a = json.readTree(req.body());
                addApp(new App(a.path("appKey").asText(), a.path("appSecret").asText(), a.path("agentId").asLong()));
                return MockResponse.json(200, "{\"added\":true}");
            }
            case "tokens/invalidate" -> {
                return invalidateAllTokens();
            }
            case "work-notices/read" -> {
                JsonNode b = json.readTree(req.body());
                if (!workNotices.markRead(b.path("taskId").asLong(), b.path("userId").asText())) {
                    return MockResponse.json(404, "{\"error\":\"no such delivered notice\"}");
                }
                return MockResponse.json(200, "{\"read\":true}");
            }
            case "callback/push" -> {
                JsonNode b = json.readTree(req.body());
                JsonNode event = b.has("event") ? b.get("event") : b;
                PushOptions o = new PushOptions(b.path("random16").asText(null), b.path("timestamp").asText(null),
                        b.path("nonce").asText(null), b.path("tamperSignature").asBoolean(false),
                        b.path("ownerKey").asText(null));
                return MockResponse.json(200, toJson(pushEvent(event, o)));
            }
            case "card/click" -> {
                JsonNode b = json.readTree(req.body());
                return click(b.path("outTrackId").asText(), b);
            }
            case "cards" -> {
                Map<String, Object> s = new LinkedHashMap<>();
                synchronized (this) {
                    cards.putState(s);
                }
                return MockResponse.json(200, toJson(s.get("cards")));
            }
            case "api-quota" -> {
                synchronized (this) {
                    if ("POST".equals(req.method())) {
                        serverLimits.setQuotaUsed(json.readTree(req.body()).path("used").asLong());
                    }
                    return MockResponse.json(200, toJson(serverLimits.quotaView()));
                }
            }
            default -> {
                return null;
            }
        }
    }

    /** A click from an admin body: {@code action} is a shorthand for {@code params.action}. */
    private MockResponse click(String outTrackId, JsonNode b) {
        List<String> actionIds = b.has("actionIds")
                ? json.convertValue(b.get("actionIds"), new TypeReference<List<String>>() { }) : List.of("1");
        ObjectNode params = b.path("params").isObject()
                ? ((ObjectNode) b.get("params")).deepCopy()
                : json.createObjectNode();
        if (b.hasNonNull("action")) {
            params.put("action", b.get("action").asText());
        }
        return MockResponse.json(200, toJson(clickCard(outTrackId, b.path("userId").asText(), params, actionIds,
                b.path("signature").asText("valid"), b.path("timestamp").asText(null), b.path("url").asText(null))));
    }
}
