package org.aftersaleshub.notify;

import java.time.Instant;

/**
 * One IT alert (运维告警), as it waits on the alerts queue for the {@code im-it-alerts} route.
 *
 * @param id       unique per alert; the event id of its journal rows and the root of its keys
 * @param kind     {@link #DEAD_LETTER}, {@link #CREDENTIALS}, {@link #BACKLOG} or {@link #QUOTA}
 * @param key      what it is about (the condition it repeats for, e.g. {@code backlog:erp-stock})
 * @param title    one line, English with the Chinese term
 * @param detail   what an operator needs first; never a secret, never personal data
 * @param link     where to look (the dead letter, the connector listing)
 * @param raisedAt when it was raised
 */
public record ItAlert(String id, String kind, String key, String title, String detail, String link,
                      Instant raisedAt) {

    /** New dead letters on a route. */
    public static final String DEAD_LETTER = "dead-letter";
    /** A connector instance's credentials were refused by its system. */
    public static final String CREDENTIALS = "credentials";
    /** A route queue's oldest message waits longer than hub.ops.backlog-warn-age. */
    public static final String BACKLOG = "backlog";
    /** A platform quota (DingTalk's monthly API calls) nearly or wholly used; used up, its notices wait or move. */
    public static final String QUOTA = "quota";

    /** The event type the alert carries on the broker. */
    public static final String EVENT_TYPE = "ItAlert";
}
