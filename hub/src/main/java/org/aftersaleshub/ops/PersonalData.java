package org.aftersaleshub.ops;

import java.util.regex.Pattern;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * Masks personal data that has a recognisable shape — mainland Chinese mobile numbers (with or without +86 and
 * separators) and landline numbers with an area code — as secrets are masked ({@value SecretMasker#MASK}). The log
 * configuration passes every message, stack trace and structured-log value through it, as a safety net: a phone
 * number that reaches a log statement anyway (an exception message quoting a value, a receiver echoing the event) is
 * masked there.
 *
 * <p>Names have no such shape and cannot be found in free text; they are kept out of logs at the source instead:
 * no log statement of the hub writes an event, a request body or an answer body, only ids, types and statuses.
 */
public final class PersonalData {

    // 1 + [3-9] + 9 digits, optionally grouped 3-4-4 by space or dash, optionally after +86 / 86; not inside a longer
    // run of digits (epoch milliseconds, ids), so 13-digit timestamps stay readable
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![\\d+])(?:\\+?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)");
    // 0 + 2..3 digit area code, a separator, 7..8 digits (010-12345678, 0755 1234567)
    private static final Pattern LANDLINE = Pattern.compile("(?<![\\d-])0\\d{2,3}[\\s-]\\d{7,8}(?!\\d)");

    private PersonalData() {
    }

    /** {@code text} with every phone number replaced by {@value SecretMasker#MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < 7 || !hasDigitRun(text)) {
            return text;
        }
        String out = MOBILE.matcher(text).replaceAll(SecretMasker.MASK);
        return LANDLINE.matcher(out).replaceAll(SecretMasker.MASK);
    }

    /** Cheap pre-check: a line without a run of 4 digits holds no phone number and skips the regular expressions. */
    private static boolean hasDigitRun(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                if (++run >= 4) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }
}
