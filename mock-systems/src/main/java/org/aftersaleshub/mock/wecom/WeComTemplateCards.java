package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom interactive template cards as the platform keeps them (docs/vendor-apis/wecom.md §3.2, §3.4, §10): the
 * checks on a {@code template_card} ({@code task_id} form, buttons), each delivered card by {@code task_id} with what
 * every recipient sees (the card, or its buttons replaced by a label), single-use {@code response_code}s, and the
 * updates — {@code update_template_card} and passive {@code update_button} replies — counted per card. State guarded
 * by the mock's lock.
 */
final class WeComTemplateCards {

    static final Set<String> INTERACTIVE = Set.of("button_interaction", "vote_interaction", "multiple_interaction");
    /** docs/vendor-apis/wecom.md §3.2: {@code [0-9A-Za-z_\-@]}, at most 128 bytes. */
    static final Pattern TASK_ID = Pattern.compile("[0-9A-Za-z_\\-@]{1,128}");
    static final int MAX_BUTTONS = 6;
    static final int MAX_KEY_BYTES = 1024;

    /** What a click event needs to know about the card. */
    record Clickable(String cardType, long agentId, String msgid) {
    }

    /** One delivered interactive card. */
    private static final class Card {
        final String taskId;
        final long agentId;
        final String msgid;
        final String cardType;
        /** lower-case userid → what that member sees: {@code card} (the template_card) and {@code replaceName}. */
        final Map<String, Map<String, Object>> recipients = new LinkedHashMap<>();
        final List<Map<String, Object>> updates = new ArrayList<>();
        final List<Map<String, Object>> clicks = new ArrayList<>();

        Card(String taskId, long agentId, String msgid, String cardType) {
            this.taskId = taskId;
            this.agentId = agentId;
            this.msgid = msgid;
            this.cardType = cardType;
        }
    }

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComAnswers answers;
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> responseCodes = new LinkedHashMap<>();
    private final List<Map<String, Object>> cardUpdates = new ArrayList<>();

    WeComTemplateCards(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    void clear() {
        cards.clear();
        responseCodes.clear();
        cardUpdates.clear();
    }

    /** {@code templateCards}, {@code responseCodes} and {@code cardUpdates} of the state snapshot. Lock held. */
    void putState(Map<String, Object> s) {
        Map<String, Object> views = new LinkedHashMap<>();
        cards.keySet().forEach(t -> views.put(t, view(t)));
        s.put("templateCards", views);
        s.put("responseCodes", new LinkedHashMap<>(responseCodes));
        s.put("cardUpdates", List.copyOf(cardUpdates));
    }

    /** A card's view ({@code recipients}, {@code updateCount}, {@code updates}, {@code clicks}), or null. Lock held. */
    Map<String, Object> view(String taskId) {
        Card c = cards.get(taskId);
        if (c == null) {
            return null;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("taskId", c.taskId);
        v.put("agentId", c.agentId);
        v.put("msgid", c.msgid);
        v.put("cardType", c.cardType);
        Map<String, Object> r = new LinkedHashMap<>();
        c.recipients.forEach((u, seen) -> r.put(u, new LinkedHashMap<>(seen)));
        v.put("recipients", r);
        v.put("updateCount", c.updates.size());
        v.put("updates", List.copyOf(c.updates));
        v.put("clicks", List.copyOf(c.clicks));
        return v;
    }

    // ------------------------------------------------------------------ message/send

    /**
     * Why WeCom would refuse this {@code template_card} (docs/vendor-apis/wecom.md §3.2), or null: a {@code task_id}
     * outside its form (or missing, when {@link WeComSettings#templateCardTaskIdRequired}), more than six buttons, a
     * button key empty, longer than 1 024 bytes or repeated.
     */
    String refusal(JsonNode card) {
        String type = card.path("card_type").asText("");
        if (!INTERACTIVE.contains(type)) {
            return null;
        }
        String taskId = card.path("task_id").asText(null);
        if (taskId == null && p.settings().templateCardTaskIdRequired) {
            return "task_id is required";
        }
        if (taskId != null && !TASK_ID.matcher(taskId).matches()) {
            return "task_id must be 1-128 of [0-9A-Za-z_-@]";
        }
        if (type.equals("button_interaction")) {
            JsonNode buttons = card.path("button_list");
            if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
                return "button_list must hold 1 to " + MAX_BUTTONS + " buttons";
            }
            Set<String> keys = new HashSet<>();
            for (JsonNode b : buttons) {
                String key = b.path("key").asText("");
                if (b.path("type").asInt(0) == 0 && (key.isEmpty()
                        || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES || !keys.add(key))) {
                    return "button key '" + key + "' is empty, longer than " + MAX_KEY_BYTES + " bytes or repeated";
                }
            }
        }
        return null;
    }

    /** Whether a card with this task_id was delivered by this app before. Lock held. */
    boolean known(long agentId, String taskId) {
        Card c = taskId == null ? null : cards.get(taskId);
        return c != null && c.agentId == agentId;
    }

    /** Keeps an interactive card delivered to {@code users} (lower-case), under its task_id. Lock held. */
    void delivered(long agentId, String msgid, JsonNode card, List<String> users) {
        String taskId = card.path("task_id").asText(null);
        if (taskId == null) {
            return;
        }
        Card c = new Card(taskId, agentId, msgid, card.path("card_type").asText());
        Object content = p.json().convertValue(card, Map.class);
        for (String u : users) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("card", content);
            seen.put("replaceName", null);
            c.recipients.put(u, seen);
        }
        cards.put(taskId, c);
    }

    // ------------------------------------------------------------------ response codes and updates

    /** A response_code valid for {@link WeComSettings#responseCodeTtlHours} and usable once. Lock held. */
    String issueResponseCode(long agentId, String msgid, String taskId) {
        String code = WxCallbackCrypto.randomAlphanumeric(40);
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("agentId", agentId);
        rc.put("msgid", msgid);
        rc.put("taskId", taskId);
        rc.put("issuedAtMillis", p.millis());
        rc.put("used", false);
        responseCodes.put(code, rc);
        return code;
    }

    /**
     * {@code update_template_card} (docs/vendor-apis/wecom.md §3.4): the code must be this app's, unused and young
     * enough; the targets ({@code userids}, or {@code atall}) get the buttons replaced by {@code button.replace_name}
     * or the whole card replaced by {@code template_card}; userids who never got the card come back in
     * {@code invaliduser}.
     */
    MockResponse updateTemplateCard(MockRequest req, WeComMock.App app) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return answers.error(req, 47001, "data format error");
        }
        if (!b.hasNonNull("agentid") || b.get("agentid").asLong() != app.agentId()) {
            return answers.error(req, 40056, "invalid agentid");
        }
        String code = b.path("response_code").asText("");
        synchronized (p.lock()) {
            Map<String, Object> rc = responseCodes.get(code);
            long ttl = Duration.ofHours(p.settings().responseCodeTtlHours).toMillis();
            if (rc == null || Boolean.TRUE.equals(rc.get("used"))
                    || p.millis() - (long) rc.get("issuedAtMillis") >= ttl
                    || ((Number) rc.get("agentId")).longValue() != app.agentId()) {
                p.recordRejection("responseCode", code, "message/update_template_card",
                        p.settings().invalidResponseCodeErrcode);
                return answers.error(req, p.settings().invalidResponseCodeErrcode, "invalid response_code");
            }
            boolean atAll = b.path("atall").asInt(0) == 1;
            List<String> userids = new ArrayList<>();
            b.path("userids").forEach(u -> userids.add(u.asText().toLowerCase(Locale.ROOT)));
            if (!atAll && userids.isEmpty() && b.path("partyids").isEmpty() && b.path("tagids").isEmpty()) {
                return answers.error(req, p.settings().templateCardInvalidErrcode,
                        "userids, partyids, tagids or atall required");
            }
            String replaceName = b.path("button").path("replace_name").asText(null);
            if (replaceName == null && !b.path("template_card").isObject()) {
                return answers.error(req, p.settings().templateCardInvalidErrcode,
                        "button.replace_name or template_card required");
            }
            rc.put("used", true);
            rc.put("usedAtMillis", p.millis());
            Card card = cards.get((String) rc.get("taskId"));
            List<String> invalid = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            if (card != null) {
                if (atAll) {
                    targets.addAll(card.recipients.keySet());
                }
                for (String u : userids) {
                    if (!card.recipients.containsKey(u)) {
                        invalid.add(u);
                    } else if (!targets.contains(u)) {
                        targets.add(u);
                    }
                }
                Object content = b.has("template_card") ? p.json().convertValue(b.get("template_card"), Map.class)
                        : null;
                for (String u : targets) {
                    Map<String, Object> seen = card.recipients.get(u);
                    if (content != null) {
                        seen.put("card", content);
                        seen.put("replaceName", null);
                    } else {
                        seen.put("replaceName", replaceName);
                    }
                }
                card.updates.add(update("api", code, targets, p.json().convertValue(b, Map.class)));
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("responseCode", code);
            u.put("body", p.json().convertValue(b, Map.class));
            u.put("atMillis", p.millis());
            cardUpdates.add(u);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            if (!invalid.isEmpty()) {
                out.put("invaliduser", String.join("|", invalid));
            }
            return MockResponse.json(200, p.toJson(out));
        }
    }

    /**
     * A passive {@code update_button} reply to a click (docs/vendor-apis/wecom.md §3.4): only the clicking member's
     * buttons become {@code replaceName}. A repeated identical reply (to a re-sent event) changes nothing. Lock held.
     *
     * @return true when the card changed
     */
    boolean passiveUpdate(String taskId, String userid, String replaceName, Object reply) {
        Card card = cards.get(taskId);
        Map<String, Object> seen = card == null ? null : card.recipients.get(userid.toLowerCase(Locale.ROOT));
        if (seen == null || replaceName.equals(seen.get("replaceName"))) {
            return false;
        }
        seen.put("replaceName", replaceName);
        card.updates.add(update("passiveReply", null, List.of(userid.toLowerCase(Locale.ROOT)), reply));
        return true;
    }

    private Map<String, Object> update(String source, String code, List<String> users, Object body) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("atMillis", p.millis());
        u.put("source", source);
        u.put("responseCode", code);
        u.put("users", List.copyOf(users));
        u.put("body", body);
        return u;
    }

    // ------------------------------------------------------------------ clicks

    /**
     * Checks that {@code userid} can press button {@code key} on card {@code taskId} now: the card exists, the member
     * got it (unless {@code anyone}), its buttons for them are not replaced yet and one has this key. Lock held.
     *
     * @throws IllegalArgumentException or IllegalStateException saying why the click is impossible
     */
    Clickable clickable(String taskId, String userid, String key, boolean anyone) {
        Card card = cards.get(taskId);
        if (card == null) {
            throw new IllegalArgumentException("no template card with task_id " + taskId);
        }
        Map<String, Object> seen = card.recipients.get(userid.toLowerCase(Locale.ROOT));
        if (seen == null && !anyone) {
            throw new IllegalArgumentException(userid + " did not receive card " + taskId + "; recipients: "
                    + card.recipients.keySet());
        }
        Map<String, Object> view = seen != null ? seen
                : card.recipients.values().stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "card " + taskId + " reached nobody"));
        if (seen != null && seen.get("replaceName") != null) {
            throw new IllegalStateException("the buttons of card " + taskId + " for " + userid + " were replaced by '"
                    + seen.get("replaceName") + "': there is nothing to press");
        }
        JsonNode shown = p.json().valueToTree(view.get("card"));
        boolean found = false;
        for (JsonNode b : shown.path("button_list")) {
            found |= key.equals(b.path("key").asText());
        }
        if (!found) {
            throw new IllegalArgumentException("card " + taskId + " has no button with key '" + key + "'");
        }
        return new Clickable(card.cardType, card.agentId, card.msgid);
    }

    /** Records a click on its card. Lock held. */
    void recordClick(String taskId, Map<String, Object> click) {
        Card card = cards.get(taskId);
        if (card != null) {
            card.clicks.add(click);
        }
    }
}
