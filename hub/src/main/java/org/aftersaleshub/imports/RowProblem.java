package org.aftersaleshub.imports;

/**
 * Why one row (or one of its cells) cannot be imported; the engine adds the row number.
 *
 * @param column the {@link ImportColumn#name()} at fault, or null for the row as a whole
 * @param rule   machine-readable rule, as in the API's field violations: {@code required}, {@code max-length:64},
 *               {@code enum:[VIP, KEY, STANDARD]}, {@code unknown-reference:customers}, {@code duplicate-key}
 * @param hintZh what to change, in Chinese
 * @param hintEn the same in English
 */
public record RowProblem(String column, String rule, String hintZh, String hintEn) {
}
