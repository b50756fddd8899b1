package org.aftersaleshub.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A change to a delivered template card with its single-use {@code response_code}
 * (docs/vendor-apis/wecom.md §3.4, §10.2): {@code POST /cgi-bin/message/update_template_card}, either replacing the
 * buttons by a grey label ({@code replaceName}, e.g. 已由 张三 接单) or the whole card ({@code card}, e.g. now offering
 * 到场 / 完成). The
 * route's JSON body:
 * <pre>{"key"?:"…","responseCode":"…","users":["WeComUser001"],"atAll"?:false,"replaceName":"已接单"}
 * {"responseCode":"…","atAll":true,"card":{..TemplateCard, the same taskId..}}</pre>
 *
 * <p>A code comes from the click's event ({@code ResponseCode}) or from the card's own send
 * ({@link AppMessageResult#responseCode()}); it works once, within 72 h. A change that starts outside WeCom with no
 * unused code at hand cannot update the card: {@code responseCode} null is answered NEEDS_NEW_CARD without a call, and
 * the caller sends a new card ({@code app-message}, {@code template_card}).
 *
 * @param key          the idempotency key; derived from the response code when not given
 * @param responseCode the single-use code, or null when none is at hand
 * @param users        whose card changes (UserIDs); with {@code parties}, {@code tags} or {@code atAll}
 * @param parties      department ids
 * @param tags         tag ids
 * @param atAll        every recipient of the card
 * @param replaceName  the label replacing the buttons, or null
 * @param card         the card replacing the whole card, or null (exactly one of the two)
 */
public record TemplateCardUpdate(String key, String responseCode, List<String> users, List<String> parties,
                                 List<String> tags, boolean atAll, String replaceName, TemplateCard card) {

    /** WeCom's limit on {@code userids} (docs/vendor-apis/wecom.md §3.4). */
    public static final int MAX_USERS = 1000;

    /**
     * @throws IllegalArgumentException naming the field
     */
    public TemplateCardUpdate {
        users = List.copyOf(users == null ? List.of() : users);
        parties = List.copyOf(parties == null ? List.of() : parties);
        tags = List.copyOf(tags == null ? List.of() : tags);
        if ((replaceName == null || replaceName.isBlank()) == (card == null)) {
            throw new IllegalArgumentException("replaceName or card: give exactly one (a label for the buttons, or "
                    + "the whole new card)");
        }
        if (!atAll && users.isEmpty() && parties.isEmpty() && tags.isEmpty()) {
            throw new IllegalArgumentException("users, parties, tags or atAll: say whose card changes");
        }
        if (users.size() > MAX_USERS) {
            throw new IllegalArgumentException("users: at most " + MAX_USERS);
        }
        if (key == null || key.isBlank()) {
            key = "card-update-" + UUID.nameUUIDFromBytes(String.valueOf(responseCode)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
