package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.Directory;
import org.aftersaleshub.mock.imcrm.ImCrmMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom (企业微信) stand-in (docs/vendor-apis/wecom.md; what it reproduces: §6): per-app tokens with early invalidation,
 * {@code message/send} with partial failure, 81013, 30 messages per minute per member (the excess silently dropped and
 * recorded), 45009/45033, {@code update_template_card} with single-use response codes, group robots at 20/min, the
 * contacts directory (docs/vendor-apis/wecom.md §9); and, as
 * the platform, URL verification, encrypted XML events and {@code template_card_event} clicks sent to the hub.
 *
 * <p>This class routes each request to its API surface — {@link WeComTokens} (tokens and the API gate),
 * {@link WeComMessages}, {@link WeComRobots}, {@link WeComCallbacks} — and holds the typed views for tests and the
 * admin paths.
 *
 * <p>Own admin paths:
 * <ul>
 *   <li>{@code GET|POST /mock-admin/config} — {@link WeComSettings}</li>
 *   <li>{@code POST /mock-admin/tokens/invalidate} — early invalidation: every token answers 40014</li>
 *   <li>{@code POST /mock-admin/tokens/expire} — every token answers 42001</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/scripted-errors} — e.g. {@code {"operation":"message/send","errcode":45033,"count":1}}</li>
 *   <li>{@code POST /mock-admin/callback/verify-url}, {@code /callback/push}, {@code /card/click} (an event for any
 *       task id, no checks)</li>
 *   <li>{@code POST /mock-admin/template-cards/{taskId}/click} — {@code {"userid","key","anyone"?:false}}: a member
 *       presses a button of a delivered card, see {@link #clickCard}</li>
 *   <li>{@code GET /mock-admin/template-cards}, {@code GET /mock-admin/template-cards/{taskId}} — delivered
 *       interactive cards: per recipient what they see, {@code updateCount}, updates, clicks</li>
 *   <li>{@code GET /mock-admin/directory}, {@code POST /mock-admin/directory/users}, {@code .../users/remove},
 *       {@code .../departments}, {@code .../departments/remove} — the contacts directory
 *       (docs/vendor-apis/wecom.md §9.8), see {@link Directory#admin}</li>
 * </ul>
 */
public class WeComMock extends ImCrmMock<WeComSettings, WeComMock.App> {

    /** An app (agent) of the corp and its secret. */
    public record App(long agentId, String secret) {
    }

    /** Fixed values for known-answer tests; every field optional. */
    public record SendOptions(String random16, String timestamp, String nonce, boolean tamperSignature) {
        public static SendOptions defaults() {
            return new SendOptions(null, null, null, false);
        }
    }

    // ---- state, guarded by "this"
    private String corpId = "wwa1b2c3d4e5f60718";
    private final WeComAnswers answers = new WeComAnswers(platform);
    private final WeComTokens tokenSurface = new WeComTokens(platform, answers, this::corpId);
    private final WeComTemplateCards templateCards = new WeComTemplateCards(platform, answers);
    private final WeComMessages messages = new WeComMessages(platform, answers, templateCards);
    private final WeComRobots robots = new WeComRobots(platform, answers);
    private final WeComCallbacks callbacks = new WeComCallbacks(platform, templateCards, this::corpId);
    private final WeComContacts contacts = new WeComContacts(platform, answers);

    public WeComMock() {
        super("wecom", WeComSettings::new, s -> s.callback);
    }

    @Override
    public int defaultPort() {
        return 18085;
    }

    public String corpId() {
        return corpId;
    }

    // ------------------------------------------------------------------ seed, reset, state

    @Override
    protected synchronized void seed(JsonNode data) {
        for (JsonNode s : data.path("staff")) {
            if (s.hasNonNull("wecomUserId")) {
                messages.addMember(s.get("wecomUserId").asText());
            }
        }
        for (JsonNode r : data.path("robots").path("wecom")) {
            robots.add(r.path("key").asText(), r.path("name").asText(""));
        }
        JsonNode own = data.path(name());
        if (own.hasNonNull("corpId")) {
            corpId = own.get("corpId").asText();
        }
        for (JsonNode a : own.path("apps")) {
            tokenSurface.addApp(new App(a.path("agentId").asLong(), a.path("secret").asText()));
        }
        messages.seedDirectory(own);
        contacts.directory().seed(data.path("directory"), "wecomUserId");
        // everyone in the contacts directory is a member an app message reaches, the 服务总监 included
        for (JsonNode u : data.path("directory").path("users")) {
            if (u.hasNonNull("wecomUserId")) {
                messages.addMember(u.get("wecomUserId").asText());
            }
        }
        seedCallbackSection(own);
    }

    @Override
    protected void clearPlatformState() {
        tokenSurface.clear();
        messages.clear();
        templateCards.clear();
        robots.clear();
        contacts.clear();
    }

    @Override
    protected void putPlatformState(Map<String, Object> s) {
        long now = clock.millis();
        s.put("corpId", corpId);
        tokenSurface.putState(s, now);
        messages.putState(s);
        templateCards.putState(s);
        s.put("robots", robots.view());
        s.put("rateLimitRejections", List.copyOf(rateLimitRejections));
        s.put("directory", contacts.directory().view());
    }

    /** The contacts directory (docs/vendor-apis/wecom.md §9), under the mock's lock, for tests to read or change. */
    public synchronized <T> T withDirectory(Function<Directory, T> action) {
        return action.apply(contacts.directory());
    }

    /** App messages delivered to a member (any case), oldest first. */
    public synchronized List<Map<String, Object>> messagesTo(String userId) {
        return messages.messagesTo(userId);
    }

    /** App messages accepted for a member but silently dropped by the per-member limit. */
    public synchronized List<Map<String, Object>> droppedFor(String userId) {
        return messages.droppedFor(userId);
    }

    /**
     * An interactive card by {@code task_id}: per recipient the card they see and its {@code replaceName},
     * {@code updateCount}, {@code updates} and {@code clicks}; null when there is none.
     */
    public synchronized Map<String, Object> templateCard(String taskId) {
        return templateCards.view(taskId);
    }

    /** Messages a group robot delivered. */
    public synchronized List<Map<String, Object>> robotMessages(String key) {
        return robots.messages(key);
    }

    // ------------------------------------------------------------------ routing

    @Override
    protected String operationOf(MockRequest req) {
        String p = req.path();
        return p.startsWith("/cgi-bin/") ? p.substring("/cgi-bin/".length()) : null;
    }

    @Override
    protected MockResponse handle(MockRequest req) {
        String op = operationOf(req);
        if (op == null) {
            return MockResponse.text(404, "text/plain", "not found");
        }
        if (op.equals("gettoken")) {
            return tokenSurface.getToken(req);
        }
        if (op.equals("webhook/send")) {
            return robots.send(req);
        }
        return switch (op) {
            case "message/send", "message/update_template_card" -> {
                Object gate = tokenSurface.gate(req, op);
                if (gate instanceof MockResponse denied) {
                    yield denied;
                }
                App app = (App) gate;
                yield op.equals("message/send") ? messages.send(req, app) : templateCards.updateTemplateCard(req, app);
            }
            default -> {
                if (!WeComContacts.isContactsOperation(op)) {
                    yield answers.error(req, 48001, "api forbidden");
                }
                Object gate = tokenSurface.gate(req, op);
                yield gate instanceof MockResponse denied ? denied : contacts.handle(op, req);
            }
        };
    }

    // ---------------------------------------------- the platform calling the hub (docs/vendor-apis/wecom.md §4)

    /**
     * URL verification (docs/vendor-apis/wecom.md §4.3): {@code GET url?msg_signature&timestamp&nonce&echostr} with the
     * echostr URL-encoded; the hub must answer exactly the decrypted plaintext. {@code plaintext} null = a random
     * number string.
     */
    public CallbackSender.Attempt verifyUrl(String plaintext, SendOptions o) {
        return callbacks.verifyUrl(plaintext, o);
    }

    /**
     * POSTs an event (decrypted XML {@code plaintextXml}) encrypted the WeCom way to the hub; the reply must be an
     * empty body or an encrypted XML reply with a valid signature. Re-sent per {@link WeComSettings.Callback}.
     */
    public CallbackSender.Attempt pushEvent(String plaintextXml, String kind, SendOptions o) {
        return callbacks.pushEvent(plaintextXml, kind, o);
    }

    /** The text of the first {@code <tag>} in a flat XML string (CDATA or not), or null. */
    static String extract(String xml, String tag) {
        return WeComCallbacks.extract(xml, tag);
    }

    /**
     * A member clicks a button of an interactive template card (docs/vendor-apis/wecom.md §4.7): sends a
     * {@code template_card_event} whose fresh {@code ResponseCode} the hub may use once, within
     * {@code responseCodeTtlHours} (72 h), in {@code update_template_card}. No checks on the task id or the key.
     */
    public CallbackSender.Attempt clickTemplateCard(String userId, String eventKey, String taskId, String cardType,
                                                    long agentId) {
        return callbacks.clickTemplateCard(userId, eventKey, taskId, cardType, agentId);
    }

    /**
     * A member presses button {@code key} of the delivered card {@code taskId}
     * (docs/vendor-apis/wecom.md §4.7, §10.5): refused (IllegalArgumentException / IllegalStateException) when the
     * card does not exist, the member did not get it (unless {@code anyone}), has no such button or its buttons were
     * replaced already; else the encrypted
     * {@code template_card_event} with a fresh response code is sent and re-sent like any event, and a passive
     * {@code update_button} reply replaces the member's buttons. Returns the first attempt's record with
     * {@code responseCode}, {@code passiveUpdate} and {@code card}.
     */
    public Map<String, Object> clickCard(String taskId, String userId, String key, boolean anyone) {
        return callbacks.clickCard(taskId, userId, key, anyone);
    }

    /** An approval changes state (docs/vendor-apis/wecom.md §4.8, {@code sys_approval_change}). */
    public CallbackSender.Attempt approvalChange(String userId, String spNo, String spName, int spStatus, long agentId) {
        return callbacks.approvalChange(userId, spNo, spName, spStatus, agentId);
    }

    // ------------------------------------------------------------------ own admin paths

    @Override
    protected MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception {
        if (subPath.equals("directory") || subPath.startsWith("directory/")) {
            JsonNode body = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
            Object answer = withDirectory(d -> d.admin(subPath, body));
            if (answer instanceof Directory.Member added) {
                synchronized (this) {
                    // a new member can also receive app messages (docs/vendor-apis/wecom.md §9.8)
                    messages.addMember(added.userId());
                }
            }
            return answer == null ? null : MockResponse.json(200, toJson(answer));
        }
        if (subPath.equals("template-cards") || subPath.startsWith("template-cards/")) {
            return templateCardAdmin(subPath.substring("template-cards".length()), req);
        }
        switch (subPath) {
            case "tokens/invalidate" -> {
                return invalidateAllTokens();
            }
            case "callback/verify-url" -> {
                JsonNode b = req.body().length == 0 ? json.createObjectNode() : json.readTree(req.body());
                return MockResponse.json(200, toJson(verifyUrl(b.path("plaintext").asText(null), options(b))));
            }
            case "callback/push" -> {
                JsonNode b = json.readTree(req.body());
                String xml = b.path("xml").asText(null);
                if (xml == null) {
                    throw new IllegalArgumentException("callback/push needs \"xml\" (the decrypted event XML)");
                }
                String event = extract(xml, "Event");
                String kind = "event:" + (event != null ? event : extract(xml, "MsgType"));
                return MockResponse.json(200, toJson(pushEvent(xml, kind, options(b))));
            }
            case "card/click" -> {
                JsonNode b = json.readTree(req.body());
                return MockResponse.json(200, toJson(clickTemplateCard(b.path("userId").asText(),
                        b.path("eventKey").asText(), b.path("taskId").asText(""),
                        b.path("cardType").asText("button_interaction"), b.path("agentId").asLong(1000002))));
            }
            case "callback/approval" -> {
                JsonNode b = json.readTree(req.body());
                return MockResponse.json(200, toJson(approvalChange(b.path("userId").asText(),
                        b.path("spNo").asText(), b.path("spName").asText("备件申领"), b.path("spStatus").asInt(2),
                        b.path("agentId").asLong(1000002))));
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code GET /template-cards[/{taskId}]}, {@code POST /template-cards/{taskId}/click}. */
    private MockResponse templateCardAdmin(String rest, MockRequest req) throws Exception {
        if (rest.isEmpty()) {
            Map<String, Object> s = new LinkedHashMap<>();
            synchronized (this) {
                templateCards.putState(s);
            }
            return MockResponse.json(200, toJson(s.get("templateCards")));
        }
        String id = rest.substring(1);
        if (id.endsWith("/click") && "POST".equals(req.method())) {
            JsonNode b = json.readTree(req.body());
            String user = b.hasNonNull("userid") ? b.get("userid").asText() : b.path("userId").asText();
            return MockResponse.json(200, toJson(clickCard(id.substring(0, id.length() - "/click".length()), user,
                    b.path("key").asText(), b.path("anyone").asBoolean(false))));
        }
        Map<String, Object> card = templateCard(id);
        return card == null ? MockResponse.json(404, toJson(Map.of("error", "no template card " + id)))
                : MockResponse.json(200, toJson(card));
    }

    private static SendOptions options(JsonNode b) {
        return new SendOptions(b.path("random16").asText(null), b.path("timestamp").asText(null),
                b.path("nonce").asText(null), b.path("tamperSignature").asBoolean(false));
    }
}
