package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom app messages (docs/vendor-apis/wecom.md §3): the corp's members, parties and tags; {@code message/send} with
 * partial failure ({@code invaliduser} lower-cased, 81013 when all recipients are invalid), duplicate suppression, 30
 * messages per member per minute with the excess silently dropped; interactive template cards are checked and kept by
 * {@link WeComTemplateCards}. State guarded by the mock's lock.
 */
final class WeComMessages {

    private static final Set<String> APP_MSG_TYPES = Set.of("text", "image", "voice", "video", "file", "textcard",
            "news", "mpnews", "markdown", "miniprogram_notice", "taskcard", "template_card");

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComAnswers answers;
    /** lower-case userid → userid as configured. */
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Set<String> parties = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> unlicensed = new HashSet<>();
    private final Map<String, List<Map<String, Object>>> messagesPerMember = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> droppedPerMember = new LinkedHashMap<>();
    private final List<Map<String, Object>> sentMessages = new ArrayList<>();
    private final Map<String, Long> duplicateGuard = new HashMap<>();
    private final WeComTemplateCards templateCards;

    WeComMessages(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComAnswers answers,
                  WeComTemplateCards templateCards) {
        this.p = platform;
        this.answers = answers;
        this.templateCards = templateCards;
    }

    // ------------------------------------------------------------------ directory and state (caller holds the lock)

    void addMember(String userId) {
        members.put(userId.toLowerCase(Locale.ROOT), userId);
    }

    /** The {@code parties}, {@code tags} and {@code unlicensedUsers} of the mock's seed section. */
    void seedDirectory(JsonNode own) {
        own.path("parties").forEach(pt -> parties.add(pt.asText()));
        own.path("tags").forEach(t -> tags.add(t.asText()));
        own.path("unlicensedUsers").forEach(u -> unlicensed.add(u.asText().toLowerCase(Locale.ROOT)));
    }

    void clear() {
        members.clear();
        parties.clear();
        tags.clear();
        unlicensed.clear();
        messagesPerMember.clear();
        droppedPerMember.clear();
        sentMessages.clear();
        duplicateGuard.clear();
    }

    /** {@code members} … {@code cardUpdates} of the state snapshot. */
    void putState(Map<String, Object> s) {
        s.put("members", List.copyOf(members.values()));
        s.put("sentMessages", List.copyOf(sentMessages));
        s.put("messagesPerMember", ImCrmContext.copyOfLists(messagesPerMember));
        s.put("droppedPerMember", ImCrmContext.copyOfLists(droppedPerMember));
    }

    List<Map<String, Object>> messagesTo(String userId) {
        return List.copyOf(messagesPerMember.getOrDefault(userId.toLowerCase(Locale.ROOT), List.of()));
    }

    List<Map<String, Object>> droppedFor(String userId) {
        return List.copyOf(droppedPerMember.getOrDefault(userId.toLowerCase(Locale.ROOT), List.of()));
    }

    // ------------------------------------------------------------------ message/send

    MockResponse send(MockRequest req, WeComMock.App app) {
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return answers.error(req, 47001, "data format error");
        }
        if (!b.hasNonNull("agentid") || b.get("agentid").asLong() != app.agentId()) {
            return answers.error(req, 40056, "invalid agentid");
        }
        String msgtype = b.path("msgtype").asText("");
        MockResponse badContent = answers.checkMessage(req, b, msgtype, APP_MSG_TYPES, 2048);
        if (badContent != null) {
            return badContent;
        }
        JsonNode card = b.path("template_card");
        String cardType = msgtype.equals("template_card") ? card.path("card_type").asText("") : "";
        if (!cardType.isEmpty()) {
            String refusal = templateCards.refusal(card);
            if (refusal != null) {
                return answers.error(req, p.settings().templateCardInvalidErrcode, "invalid template_card: " + refusal);
            }
        }
        long now = p.millis();
        synchronized (p.lock()) {
            List<String> validUsers = new ArrayList<>();
            List<String> invalidUsers = new ArrayList<>();
            List<String> unlicensedUsers = new ArrayList<>();
            String touser = b.path("touser").asText("");
            if (touser.equals("@all")) {
                members.keySet().forEach(u -> (unlicensed.contains(u) ? unlicensedUsers : validUsers).add(u));
            } else {
                for (String u : split(touser)) {
                    String lower = u.toLowerCase(Locale.ROOT); // WeCom userids are case-insensitive; answers lower-case
                    if (!members.containsKey(lower)) {
                        invalidUsers.add(lower);
                    } else if (unlicensed.contains(lower)) {
                        unlicensedUsers.add(lower);
                    } else {
                        validUsers.add(lower);
                    }
                }
            }
            List<String> invalidParties = split(b.path("toparty").asText("")).stream().filter(pt -> !parties.contains(pt)).toList();
            List<String> validParties = split(b.path("toparty").asText("")).stream().filter(parties::contains).toList();
            List<String> invalidTags = split(b.path("totag").asText("")).stream().filter(t -> !tags.contains(t)).toList();
            List<String> validTags = split(b.path("totag").asText("")).stream().filter(tags::contains).toList();
            if (validUsers.isEmpty() && unlicensedUsers.isEmpty() && validParties.isEmpty() && validTags.isEmpty()) {
                return answers.error(req, 81013, "user & party & tag all invalid");
            }
            String msgid = WxCallbackCrypto.randomAlphanumeric(32);
            boolean duplicate = false;
            if (b.path("enable_duplicate_check").asInt(0) == 1) {
                long interval = b.path("duplicate_check_interval").asLong(p.settings().duplicateCheckIntervalSeconds) * 1000;
                String key = app.agentId() + "|" + b;
                Long last = duplicateGuard.get(key);
                duplicate = last != null && now - last < interval;
                if (!duplicate) {
                    duplicateGuard.put(key, now);
                }
            }
            int reused = p.settings().reusedTaskIdErrcode;
            if (!duplicate && reused != 0 && WeComTemplateCards.INTERACTIVE.contains(cardType)
                    && templateCards.known(app.agentId(), card.path("task_id").asText(null))) {
                // the code for a re-used task_id is a gap (docs/vendor-apis/wecom.md §3.2): a setting
                return answers.error(req, reused, "task_id already used");
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("msgid", msgid);
            record.put("agentId", app.agentId());
            record.put("msgtype", msgtype);
            record.put("body", p.json().convertValue(b, Map.class));
            record.put("atMillis", now);
            record.put("duplicateSuppressed", duplicate);
            List<String> delivered = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            if (!duplicate) {
                for (String u : validUsers) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("msgid", msgid);
                    m.put("msgtype", msgtype);
                    m.put("body", record.get("body"));
                    m.put("atMillis", now);
                    if (p.limiter().tryAcquire("member:" + u, now, p.settings().messagesPerMemberPerMinute, 60_000)) {
                        messagesPerMember.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
                        delivered.add(u);
                    } else {
                        droppedPerMember.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
                        dropped.add(u);
                        p.recordRejection("memberPerMinute", u, "message/send", 0);
                    }
                }
            }
            record.put("deliveredTo", delivered);
            record.put("silentlyDroppedFor", dropped);
            record.put("parties", validParties);
            record.put("tags", validTags);
            sentMessages.add(record);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            putIfNotEmpty(out, "invaliduser", invalidUsers);
            putIfNotEmpty(out, "invalidparty", invalidParties);
            putIfNotEmpty(out, "invalidtag", invalidTags);
            putIfNotEmpty(out, "unlicenseduser", unlicensedUsers);
            out.put("msgid", msgid);
            if (WeComTemplateCards.INTERACTIVE.contains(cardType)) {
                out.put("response_code", templateCards.issueResponseCode(app.agentId(), msgid,
                        card.path("task_id").asText(null)));
                if (!duplicate) {
                    templateCards.delivered(app.agentId(), msgid, card, delivered);
                }
            }
            return MockResponse.json(200, p.toJson(out));
        }
    }

    private static void putIfNotEmpty(Map<String, Object> out, String field, List<String> ids) {
        if (!ids.isEmpty()) {
            out.put(field, String.join("|", ids));
        }
    }

    private static List<String> split(String s) {
        return ImCrmContext.splitList(s, "\\|");
    }
}
