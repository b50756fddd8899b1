package org.aftersaleshub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.ticket.QualityFilter;
import org.aftersaleshub.ticket.SlaVerdicts;

/**
 * The ticket list's filters as typed in the form or linked from a dashboard figure; blank means any. Dates are whole
 * days in the console's zone, {@code to} inclusive; {@code from}/{@code to} are creation days, {@code answeredFrom}
 * /{@code answeredTo} the days the survey was answered. {@code sla} (MET, BREACHED, PENDING, NONE) is the verdict of
 * deadline {@code slaKind} (RESPONSE, RESOLUTION) as the SLA compliance figure counts it; {@code satisfaction} an exact
 * score, {@code satisfactionMax} a score at most (1..5).
 */
record TicketSearch(String number, String status, String region, String assignee, String customer, String from,
                    String to, String channel, String sla, String slaKind, String satisfaction,
                    String satisfactionMax, String answeredFrom, String answeredTo) {

    TicketSearch {
        number = trim(number);
        status = trim(status);
        region = trim(region);
        assignee = trim(assignee);
        customer = trim(customer);
        from = trim(from);
        to = trim(to);
        channel = trim(channel);
        sla = trim(sla);
        slaKind = trim(slaKind);
        satisfaction = trim(satisfaction);
        satisfactionMax = trim(satisfactionMax);
        answeredFrom = trim(answeredFrom);
        answeredTo = trim(answeredTo);
    }

    void validate() {
        if (status != null && Arrays.stream(TicketStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new ConsolePage.BadInput("status", "one of " + Arrays.toString(TicketStatus.values()));
        }
        for (String[] f : new String[][] {{"number", number}, {"region", region}, {"assignee", assignee},
                {"customer", customer}, {"channel", channel}}) {
            if (f[1] != null && f[1].length() > 64) {
                throw new ConsolePage.BadInput(f[0], "at most 64 characters");
            }
        }
        day("from", from);
        day("to", to);
        quality(ZoneId.of("UTC"));
    }

    /** The SLA and satisfaction filters; 400 naming the field for a value out of its set or range. */
    QualityFilter quality(ZoneId zone) {
        SlaVerdicts.Verdict verdict = oneOf("sla", sla, SlaVerdicts.Verdict.class);
        SlaVerdicts.Kind kind = oneOf("slaKind", slaKind, SlaVerdicts.Kind.class);
        if (verdict != null && kind == null) {
            throw new ConsolePage.BadInput("slaKind", "required with sla: one of " + Arrays.toString(
                    SlaVerdicts.Kind.values()));
        }
        LocalDate af = day("answeredFrom", answeredFrom);
        LocalDate at = day("answeredTo", answeredTo);
        return new QualityFilter(kind, verdict, score("satisfaction", satisfaction),
                score("satisfactionMax", satisfactionMax), af == null ? null : af.atStartOfDay(zone).toInstant(),
                at == null ? null : at.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ConsolePage.BadInput(field, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static Integer score(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[1-5]")) {
            throw new ConsolePage.BadInput(field, "a score from 1 to 5");
        }
        return Integer.valueOf(value);
    }

    static LocalDate day(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConsolePage.BadInput(field, "a date like 2026-12-01");
        }
    }

    java.time.Instant fromInstant(ZoneId zone) {
        LocalDate d = day("from", from);
        return d == null ? null : d.atStartOfDay(zone).toInstant();
    }

    java.time.Instant toInstant(ZoneId zone) {
        LocalDate d = day("to", to);
        return d == null ? null : d.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The filters as a URL query (without {@code ?}, encoded), for the export and paging links, so they keep every
     * filter, the dashboard's drill-down ones included.
     */
    public String query() {
        StringBuilder q = new StringBuilder();
        String[][] fields = {{"number", number}, {"status", status}, {"region", region}, {"assignee", assignee},
                {"customer", customer}, {"from", from}, {"to", to}, {"channel", channel}, {"sla", sla},
                {"slaKind", slaKind}, {"satisfaction", satisfaction}, {"satisfactionMax", satisfactionMax},
                {"answeredFrom", answeredFrom}, {"answeredTo", answeredTo}};
        for (String[] f : fields) {
            if (f[1] != null) {
                q.append(q.isEmpty() ? "" : "&").append(f[0]).append('=')
                        .append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
