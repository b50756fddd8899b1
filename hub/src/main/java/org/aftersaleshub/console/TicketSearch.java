package org.aftersaleshub.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.aftersaleshub.model.TicketStatus;

/**
 * The ticket list's filters as typed in the form; blank means any. Dates are whole days in the console's zone,
 * {@code to} inclusive.
 */
record TicketSearch(String number, String status, String region, String assignee, String customer, String from,
                    String to, String channel) {

    TicketSearch {
        number = trim(number);
        status = trim(status);
        region = trim(region);
        assignee = trim(assignee);
        customer = trim(customer);
        from = trim(from);
        to = trim(to);
        channel = trim(channel);
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

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
