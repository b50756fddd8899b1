package org.aftersaleshub.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error the API answers on purpose, rendered as {@code application/problem+json}. Feature code throws it (or a
 * subclass) instead of building responses; it carries no stack trace because it is an answer, not a fault.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param slug   last part of the problem type URI ({@link Problems#type(String)}), e.g. {@code illegal-transition}
     * @param detail the human explanation of this occurrence; never a secret, never an exception message
     */
    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** A 400 problem listing the broken rules. */
    public static ApiProblem validation(List<FieldViolation> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request (请求参数错误)",
                Problems.summarize(errors)).with("errors", errors);
    }

    /**
     * Adds an extension member to the problem body.
     *
     * @throws IllegalArgumentException for {@code type}, {@code title}, {@code status}, {@code detail} or
     *                                  {@code instance}, which the body already has
     *                                  ({@link Problems#requireExtensionName})
     */
    public ApiProblem with(String name, Object value) {
        properties.put(Problems.requireExtensionName(name), value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail(String instance) {
        ProblemDetail p = Problems.of(status, slug, title, getMessage());
        p.setInstance(Problems.instance(instance));
        properties.forEach(p::setProperty);
        return p;
    }
}
