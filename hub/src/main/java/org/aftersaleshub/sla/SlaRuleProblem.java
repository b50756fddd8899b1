package org.aftersaleshub.sla;

/**
 * One problem in an SLA or calendar file, where it is and how to fix it.
 *
 * @param file    the file, as given to the reader
 * @param line    1-based line, 0 when the problem is about the whole file
 * @param column  1-based column, 0 when unknown
 * @param rule    what was checked, e.g. {@code unknown-key}, {@code duration}, {@code calendar-ref}
 * @param message what is wrong (English)
 * @param hint    how to fix it (English)
 * @param hintZh  the same in Chinese
 */
public record SlaRuleProblem(String file, int line, int column, String rule, String message, String hint,
                             String hintZh) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + " [" + rule + "] — " + hint + " / " + hintZh;
    }
}
