package org.aftersaleshub.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Problem type URIs of the API and a factory for RFC 9457 bodies. */
public final class Problems {

    /** Prefix of every problem type: stable identifiers, not web pages. */
    public static final String TYPE_PREFIX = "urn:aftersales-hub:problem:";

    public static final String VALIDATION = "validation";
    public static final String MALFORMED_BODY = "malformed-body";
    public static final String BODY_TOO_LARGE = "body-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String INTERNAL = "internal-error";
    public static final String HTTP_ERROR = "http-error";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type(slug));
        p.setTitle(title);
        return p;
    }

    /** The {@code instance} member for a request path, or null when the path is not a valid URI reference. */
    public static URI instance(String path) {
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One-line detail for a list of violations, e.g. {@code "quantity.value: must be greater than 0"}. */
    static String summarize(List<FieldViolation> errors) {
        if (errors.isEmpty()) {
            return "The request is invalid.";
        }
        String first = errors.stream().limit(3).map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
        return errors.size() > 3 ? first + "; and " + (errors.size() - 3) + " more (see errors)" : first;
    }
}
