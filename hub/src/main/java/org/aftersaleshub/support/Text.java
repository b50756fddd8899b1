package org.aftersaleshub.support;

/** Text helpers the stores share. */
public final class Text {

    private Text() {
    }

    /** {@code s} cut to {@code max} characters (the column limit), null stays null. */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
