package org.aftersaleshub.masterdata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects {@link Violation}s with the checks every entity shares (required, length, phone and code forms). */
public final class Rules {

    /**
     * Mainland mobile, landline with a 3..4 digit area code (dash optional, extension after a dash), or E.164 — the
     * same phone form the staff directory accepts.
     */
    public static final Pattern PHONE = Pattern.compile(
            "^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?|\\+[1-9]\\d{6,14})$");
    /** A key or code: printable ASCII without spaces (C-1001, SP-COMP-001, 1.01.0001, WH01). */
    public static final Pattern CODE = Pattern.compile("^[!-~]+$");

    private final List<Violation> found = new ArrayList<>();

    public List<Violation> violations() {
        return List.copyOf(found);
    }

    public Rules add(String field, String rule, String zh, String en) {
        found.add(new Violation(field, rule, zh, en));
        return this;
    }

    /** Required text of at most {@code max} characters; true when present. */
    public boolean required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "required", "必填", "is required");
            return false;
        }
        return optional(field, value, max);
    }

    /** Optional text of at most {@code max} characters; true when present and short enough. */
    public boolean optional(String field, String value, int max) {
        if (value == null) {
            return false;
        }
        if (value.length() > max) {
            add(field, "max-length:" + max, "最多 " + max + " 个字符", "must have at most " + max + " characters");
            return false;
        }
        return true;
    }

    /** Required key or code: {@link #CODE}, at most {@code max} characters. */
    public boolean code(String field, String value, int max, boolean required) {
        if (!(required ? required(field, value, max) : optional(field, value, max))) {
            return false;
        }
        if (!CODE.matcher(value).matches()) {
            add(field, "pattern:" + CODE.pattern(), "只能包含字母、数字和符号，不能有空格",
                    "must be printable ASCII without spaces");
            return false;
        }
        return true;
    }

    public void phone(String field, String value) {
        if (optional(field, value, 32) && !PHONE.matcher(value).matches()) {
            add(field, "pattern:phone", "手机号（13812345678）、带区号座机（021-12345678）或国际号码（+8613812345678）",
                    "must be a mainland mobile, a landline with area code, or E.164");
        }
    }

    /** Trimmed, and null when blank: how every text field of master data is stored. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
