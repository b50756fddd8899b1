package org.aftersaleshub.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns Jakarta Validation constraints and Jackson read errors into {@link FieldViolation}s: the field as a JSON
 * path, a machine-readable rule and an English message. Never copies a library message (they name classes).
 */
public final class ValidationRules {

    private ValidationRules() {
    }

    /** The violation of one Jakarta constraint on {@code field}. */
    public static FieldViolation fromConstraint(String field, ConstraintViolation<?> violation) {
        Annotation a = violation.getConstraintDescriptor().getAnnotation();
        Object value = violation.getInvalidValue();
        if (a instanceof NotNull || a instanceof NotEmpty
                || (a instanceof NotBlank && (value == null || value.toString().isEmpty()))) {
            return new FieldViolation(field, "required", "is required (必填)");
        }
        if (a instanceof NotBlank) {
            return new FieldViolation(field, "not-blank", "must not be blank (不能为空白)");
        }
        if (a instanceof Size s) {
            boolean text = value instanceof CharSequence;
            int length = text ? ((CharSequence) value).length() : sizeOf(value);
            String unit = text ? "characters" : "items";
            if (length > s.max()) {
                return new FieldViolation(field, (text ? "max-length:" : "max-items:") + s.max(),
                        "must have at most " + s.max() + " " + unit + " (超出长度), has " + length);
            }
            return new FieldViolation(field, (text ? "min-length:" : "min-items:") + s.min(),
                    "must have at least " + s.min() + " " + unit + ", has " + length);
        }
        if (a instanceof DecimalMin m) {
            return m.inclusive()
                    ? new FieldViolation(field, "min:" + m.value(), "must be at least " + m.value())
                    : new FieldViolation(field, "greater-than:" + m.value(),
                            "must be greater than " + m.value() + " (必须大于 " + m.value() + ")");
        }
        if (a instanceof DecimalMax m) {
            return m.inclusive()
                    ? new FieldViolation(field, "max:" + m.value(), "must be at most " + m.value())
                    : new FieldViolation(field, "less-than:" + m.value(), "must be less than " + m.value());
        }
        if (a instanceof Positive) {
            return new FieldViolation(field, "greater-than:0", "must be greater than 0 (必须大于 0)");
        }
        if (a instanceof PositiveOrZero) {
            return new FieldViolation(field, "min:0", "must not be negative");
        }
        if (a instanceof Min m) {
            return new FieldViolation(field, "min:" + m.value(), "must be at least " + m.value());
        }
        if (a instanceof Max m) {
            return new FieldViolation(field, "max:" + m.value(), "must be at most " + m.value());
        }
        if (a instanceof Digits d) {
            return new FieldViolation(field, "digits:" + d.integer() + "," + d.fraction(),
                    "must have at most " + d.integer() + " integer and " + d.fraction() + " fraction digits (精度)");
        }
        if (a instanceof Pattern p) {
            return new FieldViolation(field, "pattern:" + p.regexp(), "must match " + p.regexp());
        }
        return new FieldViolation(field, kebab(a.annotationType().getSimpleName()), "is not valid");
    }

    /** The violation behind a Jackson mapping error (wrong type, wrong enum value, unknown property). */
    public static FieldViolation fromJackson(JsonMappingException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? ""
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", "));
            return new FieldViolation(field, "unknown-property",
                    "is not a known property (未知字段)" + (known.isEmpty() ? "" : "; known properties: " + known));
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null && target.isEnum()) {
            String values = Arrays.toString(target.getEnumConstants());
            return new FieldViolation(field, "enum:" + values, "must be one of " + values);
        }
        String type = jsonType(target);
        if (e instanceof InvalidFormatException && type.equals("date-time")) {
            return new FieldViolation(field, "format:date-time",
                    "must be an ISO-8601 date-time with offset, e.g. 2024-05-01T08:00:00Z");
        }
        if (type.equals("date-time")) {
            return new FieldViolation(field, "format:date-time", "must be an ISO-8601 date-time string");
        }
        if (type.equals("uuid")) {
            return new FieldViolation(field, "format:uuid", "must be a UUID");
        }
        return new FieldViolation(field, "type:" + type, "must be a JSON " + type);
    }

    /** A body that is not JSON at all (or is cut off). */
    public static FieldViolation fromSyntax(JsonProcessingException e) {
        JsonLocation at = e instanceof StreamReadException s ? s.getLocation() : e.getLocation();
        if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
            return new FieldViolation("$", "json-syntax", "has content after the JSON document (JSON 格式错误)");
        }
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new FieldViolation("$", "json-syntax", "the body is not valid JSON (JSON 格式错误)" + where);
    }

    /** JSON type name of a Java target type, as an API user knows it. */
    public static String jsonType(Class<?> t) {
        if (t == null) {
            return "value";
        }
        if (CharSequence.class.isAssignableFrom(t) || t == char.class || t == Character.class) {
            return "string";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "boolean";
        }
        if (t == int.class || t == long.class || t == short.class || t == Integer.class || t == Long.class
                || t == Short.class || t == BigInteger.class) {
            return "integer";
        }
        if (t.isPrimitive() || Number.class.isAssignableFrom(t) || t == BigDecimal.class) {
            return "number";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "array";
        }
        if (Temporal.class.isAssignableFrom(t)) {
            return "date-time";
        }
        if (t == UUID.class) {
            return "uuid";
        }
        return "object";
    }

    /** {@code quantity.value}, {@code serialNumbers[2]}, or {@code $} for the root. */
    public static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "$" : b.toString();
    }

    private static int sizeOf(Object value) {
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof Object[] arr) {
            return arr.length;
        }
        return Objects.isNull(value) ? 0 : 1;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
