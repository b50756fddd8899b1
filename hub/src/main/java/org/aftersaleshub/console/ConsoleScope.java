package org.aftersaleshub.console;

import java.util.Collections;
import java.util.List;

/**
 * Which tickets a person may see, as a SQL condition over a ticket alias: everything for admin and viewer; for a
 * supervisor the tickets of their regions or assigned to someone in their teams (nothing when they have neither).
 */
final class ConsoleScope {

    private ConsoleScope() {
    }

    /**
     * @param ticketId the SQL expression of the ticket id to test (e.g. {@code t.id} or {@code d.ticket_id})
     * @param args     receives the condition's parameters
     * @return a condition starting with {@code and}, or an empty string
     */
    static String condition(ConsolePrincipal p, String ticketId, List<Object> args) {
        if (p.role() != ConsoleRole.SUPERVISOR) {
            return "";
        }
        if (p.regions().isEmpty() && p.teams().isEmpty()) {
            return " and 1 = 0";
        }
        StringBuilder c = new StringBuilder(" and " + ticketId + " in (select s_t.id from ticket s_t where ");
        boolean first = true;
        if (!p.regions().isEmpty()) {
            c.append("s_t.region in (").append(marks(p.regions().size())).append(")");
            args.addAll(p.regions());
            first = false;
        }
        if (!p.teams().isEmpty()) {
            c.append(first ? "" : " or ").append("s_t.assignee_id in (select s_s.id from staff s_s where s_s.team in (")
                    .append(marks(p.teams().size())).append("))");
            args.addAll(p.teams());
        }
        return c.append(")").toString();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
