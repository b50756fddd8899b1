package org.aftersaleshub.connector.config;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check on one parsed config value. {@link #check(Object)} returns the end of a sentence
 * ("must be between 1 and 10") when the value breaks the rule; the declaration prefixes it with the key.
 */
public interface Rule {

    /** Short name reported as {@link ConfigProblem#rule()}. */
    String name();

    /** Empty when {@code value} (already parsed to the key's type, never null) passes. */
    Optional<String> check(Object value);

    /** A readable summary for generated docs ("1..10"), or empty to leave it out. */
    default String describe() {
        return "";
    }

    static Rule of(String name, String description, Predicate<Object> ok, String failure) {
        return new Rule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> check(Object value) {
                return ok.test(value) ? Optional.empty() : Optional.of(failure);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A number in {@code [min, max]}. */
    static Rule between(long min, long max) {
        return of("range", min + ".." + max, v -> ((Number) v).longValue() >= min && ((Number) v).longValue() <= max,
                "must be between " + min + " and " + max);
    }

    /** Text matching a regular expression (the whole value). */
    static Rule matches(String regex, String explanation) {
        Pattern p = Pattern.compile(regex);
        return of("pattern", explanation, v -> p.matcher(v.toString()).matches(), "must be " + explanation);
    }

    /** Text of at most {@code max} characters. */
    static Rule maxLength(int max) {
        return of("length", "at most " + max + " characters", v -> v.toString().length() <= max,
                "must be at most " + max + " characters long");
    }
}
