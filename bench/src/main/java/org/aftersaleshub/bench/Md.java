package org.aftersaleshub.bench;

import java.util.Locale;

/** The few markdown and number formats the reports share. */
final class Md {

    private Md() {
    }

    static String row(String name, String value, String target) {
        return "| " + name + " | " + value + " | " + target + " |\n";
    }

    /** A rate or count with thousands separators, no decimals. */
    static String fmt(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    static String pct(double part, double whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    static String mark(boolean met) {
        return met ? "met" : "**missed**";
    }
}
