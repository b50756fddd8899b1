package org.aftersaleshub.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One broken rule in a request, as listed in the {@code errors} array of a validation problem.
 *
 * @param field   JSON path of the offending value relative to the body (e.g. {@code quantity.value},
 *                {@code attachments[0].uri}), a parameter name ({@code size}), a header name ({@code Content-Type})
 *                or {@code $} for the body as a whole
 * @param rule    machine-readable rule, e.g. {@code required}, {@code max-length:4000},
 *                {@code enum:[LOW, NORMAL, HIGH, URGENT]}, {@code greater-than:0}, {@code type:string},
 *                {@code unknown-property}, {@code json-syntax}
 * @param message English explanation for a person, with the Chinese term where it helps
 */
@Schema(description = "One broken rule: which field, which rule, and a readable message.")
public record FieldViolation(
        @Schema(example = "quantity.value") String field,
        @Schema(example = "greater-than:0") String rule,
        @Schema(example = "must be greater than 0 (数量必须大于 0)") String message) {
}
