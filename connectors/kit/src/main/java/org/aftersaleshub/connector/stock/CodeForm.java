package org.aftersaleshub.connector.stock;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The codes an ERP's API takes where a connector puts a part or warehouse code: checked before anything is sent, so
 * a value the ERP's filter cannot hold is a typed refusal ({@link org.aftersaleshub.connector.InvalidInputException})
 * instead of an escaped guess or a failed call.
 *
 * @param pattern     the whole code must match it (length included)
 * @param description the form in words, for messages ("letters, digits, '.', '-', '_'; 1-80 characters")
 */
public record CodeForm(Pattern pattern, String description) {

    /**
     * Any text of 1-255 characters without control characters: for an ERP whose API carries the code encoded (a URL
     * query parameter, a JSON string), where nothing but the transport's encoding applies. Control characters are
     * never part of a master-data code; the length only bounds what is sent.
     */
    public static final CodeForm ENCODED_TEXT = of("[^\\p{Cntrl}]{1,255}",
            "1-255 characters, no control characters (line breaks, tabs, NUL)");

    public CodeForm {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(description, "description");
    }

    public static CodeForm of(String regex, String description) {
        return new CodeForm(Pattern.compile(regex), description);
    }

    /** True when {@code code} is a whole match. */
    public boolean accepts(String code) {
        return code != null && pattern.matcher(code).matches();
    }

    /** The machine-readable rule, as the hub's problem bodies name it: {@code pattern:<regex>}. */
    public String rule() {
        return "pattern:" + pattern.pattern();
    }
}
