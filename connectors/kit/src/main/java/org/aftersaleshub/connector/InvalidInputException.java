package org.aftersaleshub.connector;

import org.aftersaleshub.connector.http.Outcome;

/**
 * A value the connector will not send, because it is outside the form the external system's API takes (a part code
 * with a quote, which would end up inside a Kingdee FilterString). Refused before any call, for good
 * ({@link Outcome#NOT_RETRYABLE}): the caller's input is wrong, the system is fine — the hub answers 400 naming the
 * field, never "the ERP did not answer".
 *
 * <p>The message names the field, the value as given (control characters escaped) and the code it would have been
 * sent as, what the form is, and how to fix it. It never holds a secret: values checked here are business codes.
 */
public class InvalidInputException extends ConnectorException {

    private final String field;
    private final String value;
    private final String sentAs;
    private final String rule;
    private final String form;
    private final String fix;

    /**
     * @param system the connector name
     * @param field  what the value is, in the connector's words ({@code part}, {@code warehouse})
     * @param value  the value as the caller gave it
     * @param sentAs the code it would have been sent as (after the instance's mapping); may equal {@code value}
     * @param rule   machine-readable rule, e.g. {@code pattern:[A-Za-z0-9._-]{1,80}}
     * @param form   the form in words, for people ("letters, digits, '.', '-', '_'; at most 80")
     * @param fix    what to do about it, or null
     */
    public InvalidInputException(String system, String field, String value, String sentAs, String rule, String form,
                                 String fix) {
        super(system, Outcome.NOT_RETRYABLE, field + " '" + printable(value) + "'"
                + (sentAs.equals(value) ? "" : " (sent as '" + printable(sentAs) + "')") + " is not a valid " + system
                + " code: " + form + (fix == null ? "" : "; " + fix));
        this.field = field;
        this.value = value;
        this.sentAs = sentAs;
        this.rule = rule;
        this.form = form;
        this.fix = fix;
    }

    /** What the value is: {@code part} or {@code warehouse} for a stock connector. */
    public String field() {
        return field;
    }

    /** The value as the caller gave it. */
    public String value() {
        return value;
    }

    /** The code it would have been sent as. */
    public String sentAs() {
        return sentAs;
    }

    /** Machine-readable rule ({@code pattern:<regex>}). */
    public String rule() {
        return rule;
    }

    /** The form in words. */
    public String form() {
        return form;
    }

    /** What to do about it, or null. */
    public String fix() {
        return fix;
    }

    /** The value with control characters as {@code \\uXXXX}, so a message never breaks a log line. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
