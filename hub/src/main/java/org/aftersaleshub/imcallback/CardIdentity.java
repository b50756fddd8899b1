package org.aftersaleshub.imcallback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a card names its ticket — the contract with the routes that send cards (docs/vendor-apis/callbacks.md, "Card
 * identity"). The DingTalk {@code outTrackId} and the WeCom {@code task_id} are either
 * {@code tkt-<ticketId>[-<suffix>]} (the connectors' own helpers; a suffix such as a counter or the recipient keeps
 * them unique per card) or {@code tk-<eventId>}, the event that made the card (the notification routes: the same
 * event always makes the same card), which the hub maps to its ticket from its own records. A WeCom button's
 * {@code key} is {@code <action>:<ticketId>}. The card's id is what the hub trusts for the ticket; the click's own
 * parameters only name the action.
 */
final class CardIdentity {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern CARD_ID = Pattern.compile("tkt-(" + UUID + ")(?:-[0-9A-Za-z_.:@-]*)?");
    private static final Pattern EVENT_CARD_ID = Pattern.compile("tk-(" + UUID + ")");
    private static final Pattern BUTTON_KEY = Pattern.compile("([a-z_-]{1,32})(?::(" + UUID + "))?");

    /** A WeCom button key: the action, and the ticket when the key names one. */
    record ButtonKey(String action, String ticketId) {
    }

    private CardIdentity() {
    }

    /** The event a card id {@code tk-<eventId>} names, if it is one. */
    static Optional<String> eventOf(String cardId) {
        if (cardId == null) {
            return Optional.empty();
        }
        Matcher m = EVENT_CARD_ID.matcher(cardId.trim());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** The ticket of a card id ({@code tkt-<ticketId>[-<suffix>]}), if it is one. */
    static Optional<String> ticketOf(String cardId) {
        if (cardId == null) {
            return Optional.empty();
        }
        Matcher m = CARD_ID.matcher(cardId.trim());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** A WeCom button key {@code <action>[:<ticketId>]}; the whole key as the action when it has another form. */
    static ButtonKey buttonKey(String key) {
        if (key == null) {
            return new ButtonKey("", null);
        }
        Matcher m = BUTTON_KEY.matcher(key.trim());
        if (!m.matches()) {
            return new ButtonKey(key.trim(), null);
        }
        return new ButtonKey(m.group(1), m.group(2) == null ? null : m.group(2).toLowerCase(java.util.Locale.ROOT));
    }
}
