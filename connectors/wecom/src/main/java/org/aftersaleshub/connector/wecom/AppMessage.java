package org.aftersaleshub.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An app message ({@code message/send}, docs/vendor-apis/wecom.md §3.1) of type text, markdown or an interactive
 * {@code template_card} (docs/vendor-apis/wecom.md §3.2, §10.1) to members, departments and tags. The route's JSON
 * body:
 * <pre>{"key":"notice-42","users":["WeComUser001"],"parties":[],"tags":[],"msgtype":"text","content":"..."}
 * {"key":"assign-T-1","users":["WeComUser001"],"msgtype":"template_card","card":{..see TemplateCard..}}</pre>
 *
 * @param key      the idempotency key (the notice id); derived from the content and recipients when not given
 * @param users    UserIDs, at most 1000 (docs/vendor-apis/wecom.md §3.1)
 * @param parties  department ids
 * @param tags     tag ids
 * @param type     TEXT, MARKDOWN or TEMPLATE_CARD
 * @param content  the text (text: up to 2048 bytes, docs/vendor-apis/wecom.md §3.1); unused for a card
 * @param card     the interactive card when TEMPLATE_CARD, else null
 */
public record AppMessage(String key, List<String> users, List<String> parties, List<String> tags, Type type,
                         String content, TemplateCard card) {

    /** The {@code msgtype}s this operation sends. */
    public enum Type {
        TEXT, MARKDOWN, TEMPLATE_CARD;

        public String msgtype() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @throws IllegalArgumentException naming the field when there is no recipient, no content or a bad recipient id
     */
    public AppMessage {
        users = List.copyOf(users == null ? List.of() : users);
        parties = List.copyOf(parties == null ? List.of() : parties);
        tags = List.copyOf(tags == null ? List.of() : tags);
        if (type == null) {
            throw new IllegalArgumentException("msgtype must be text, markdown or template_card");
        }
        if (type == Type.TEMPLATE_CARD && card == null) {
            throw new IllegalArgumentException("card: a template_card message needs its card");
        }
        if (type != Type.TEMPLATE_CARD && (content == null || content.isBlank())) {
            throw new IllegalArgumentException("content must not be empty (WeCom refuses it with 44004)");
        }
        if (users.isEmpty() && parties.isEmpty() && tags.isEmpty()) {
            throw new IllegalArgumentException("users, parties or tags must name at least one recipient");
        }
        if (users.size() > 1000) {
            throw new IllegalArgumentException("users holds " + users.size() + " ids; WeCom takes at most 1000");
        }
        for (List<String> ids : List.of(users, parties, tags)) {
            for (String id : ids) {
                if (id == null || id.isBlank() || id.contains("|") || id.equals("@all")) {
                    throw new IllegalArgumentException("recipient id '" + id + "' is empty, holds '|' or is @all "
                            + "(the hub never sends to the whole corp)");
                }
            }
        }
        if (key == null || key.isBlank()) {
            key = derivedKey(users, parties, tags, type, type == Type.TEMPLATE_CARD ? card.toString() : content);
        }
    }

    /** A text or markdown message (no card). */
    public AppMessage(String key, List<String> users, List<String> parties, List<String> tags, Type type,
                      String content) {
        this(key, users, parties, tags, type, content, null);
    }

    public static AppMessage text(String key, List<String> users, String content) {
        return new AppMessage(key, users, List.of(), List.of(), Type.TEXT, content);
    }

    /** An interactive card to members. */
    public static AppMessage card(String key, List<String> users, TemplateCard card) {
        return new AppMessage(key, users, List.of(), List.of(), Type.TEMPLATE_CARD, null, card);
    }

    /** The same message always has the same key: a hash of recipients, type and content. */
    private static String derivedKey(List<String> users, List<String> parties, List<String> tags, Type type,
                                     String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = String.join("|", users) + "\n" + String.join("|", parties) + "\n"
                    + String.join("|", tags) + "\n" + type + "\n" + content;
            return "wecom-msg-" + HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
