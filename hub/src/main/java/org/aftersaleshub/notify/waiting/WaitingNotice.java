package org.aftersaleshub.notify.waiting;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One notice parked in {@code notify_waiting} (V9): the prepared message and the event it belongs to.
 *
 * @param key       the notice's idempotency key ({@code im:<event id>:<who>})
 * @param target    {@code <channel>:<instance>:robot:<name>} or {@code <channel>:<instance>:user:<ids>}
 * @param priority  {@link Priority#rank()}
 * @param endpoint  the connector endpoint it goes to
 * @param body      the message as JSON, as the connector operation takes it
 * @param text      its Markdown, for a digest (null for a card)
 */
public record WaitingNotice(long id, String key, String target, int priority, boolean digestable, String endpoint,
                            String body, String text, String eventId, String eventType, String ticketId,
                            String routeId, String sourceQueue, String eventJson, Instant dueAt, String digestKey) {

    /**
     * The target a budget counts: {@code <channel>:<instance>:robot:<name>} for a group robot, else
     * {@code <channel>:<instance>:user:<ids>} (lower case: WeCom ids are not case-sensitive).
     */
    public static String targetOf(String channel, String instance, String robot, List<String> users) {
        return channel + ":" + instance + (robot != null ? ":robot:" + robot
                : ":user:" + String.join(",", users).toLowerCase(Locale.ROOT));
    }

    /** Which notices go first. */
    public enum Priority {
        /** SLA breached: the escalation. */
        ESCALATION(0),
        /** SLA deadline near. */
        WARNING(1),
        /** Everything else; may be merged into a digest. */
        ROUTINE(2);

        private final int rank;

        Priority(int rank) {
            this.rank = rank;
        }

        public int rank() {
            return rank;
        }

        /** By the event type of the notice. */
        public static Priority of(String eventType) {
            return "SlaBreached".equals(eventType) ? ESCALATION : "SlaWarning".equals(eventType) ? WARNING : ROUTINE;
        }
    }
}
