package org.aftersaleshub.console;

import org.aftersaleshub.deadletter.DeadLetter;

/** The dead letter list's filters as typed; blank means any. */
record DeadLetterSearch(String status, String routeId, String target, String eventType, String ticketId) {

    DeadLetterSearch {
        status = trim(status);
        routeId = trim(routeId);
        target = trim(target);
        eventType = trim(eventType);
        ticketId = trim(ticketId);
    }

    void validate() {
        if (status != null && !status.equals(DeadLetter.OPEN) && !status.equals(DeadLetter.REPLAYED)) {
            throw new ConsolePage.BadInput("status", "OPEN or REPLAYED");
        }
        for (String[] f : new String[][] {{"routeId", routeId}, {"target", target}, {"eventType", eventType},
                {"ticketId", ticketId}}) {
            if (f[1] != null && f[1].length() > 128) {
                throw new ConsolePage.BadInput(f[0], "at most 128 characters");
            }
        }
    }

    /** A bulk replay only ever sends OPEN ones. */
    DeadLetterSearch open() {
        return new DeadLetterSearch(DeadLetter.OPEN, routeId, target, eventType, ticketId);
    }

    /** The filters as a query string for links and redirects. */
    String query() {
        StringBuilder q = new StringBuilder();
        add(q, "status", status);
        add(q, "routeId", routeId);
        add(q, "target", target);
        add(q, "eventType", eventType);
        add(q, "ticketId", ticketId);
        return q.toString();
    }

    private static void add(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
