package org.aftersaleshub.console;

import java.util.Locale;

/** What a console user may do. Checked on the server for every page and action. */
public enum ConsoleRole {
    /** IT: every page and action. */
    ADMIN,
    /** Every page, but tickets and dead letters only of their regions/teams; may replay those dead letters. */
    SUPERVISOR,
    /** Reads every page, changes nothing. */
    VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }

    public static ConsoleRole of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be one of admin, supervisor, viewer");
        }
    }
}
