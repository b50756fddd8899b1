package org.aftersaleshub.fieldpage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A form on the field page that was not taken: per field (or {@code form} for the whole form) the Chinese sentence
 * the page shows next to it. Nothing changed.
 */
final class FormRefused extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, String> errors;

    FormRefused(HttpStatus status, Map<String, String> errors) {
        super(String.join("; ", errors.keySet()), null, false, false);
        this.status = status;
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    static FormRefused of(HttpStatus status, String field, String message) {
        return new FormRefused(status, Map.of(field, message));
    }

    HttpStatus status() {
        return status;
    }

    Map<String, String> errors() {
        return errors;
    }
}
