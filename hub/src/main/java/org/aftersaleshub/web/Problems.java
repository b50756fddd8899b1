package org.aftersaleshub.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Problem type URIs of the API and a factory for RFC 9457 bodies. */
public final class Problems {

    /** Prefix of every problem type: stable identifiers, not web pages. */
    public static final String TYPE_PREFIX = "urn:aftersales-hub:problem:";

    public static final String VALIDATION = "validation";
    public static final String MALFORMED_BODY = "malformed-body";
    /** The request line, a header or the path is not acceptable HTTP (refused before any route sees it). */
    public static final String MALFORMED_REQUEST = "malformed-request";
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

    /**
     * The members RFC 9457 defines. An extension member of the same name would repeat a key in the JSON object
     * (invalid for strict parsers, and a lenient one keeps only one of the two), so none may be added.
     */
    public static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    /** The Chinese term shown beside the reason phrase of the statuses the container and Spring answer on their own. */
    private static final Map<Integer, String> STATUS_TERMS = Map.ofEntries(
            Map.entry(400, "请求错误"), Map.entry(401, "需要认证"), Map.entry(403, "无权访问"),
            Map.entry(404, "资源不存在"), Map.entry(405, "不支持的请求方法"), Map.entry(406, "无法提供所需格式"),
            Map.entry(408, "请求超时"), Map.entry(409, "冲突"), Map.entry(411, "缺少 Content-Length"),
            Map.entry(413, "请求体过大"), Map.entry(414, "请求地址过长"), Map.entry(415, "不支持的内容类型"),
            Map.entry(417, "无法满足 Expect 要求"), Map.entry(429, "请求过于频繁"), Map.entry(431, "请求头过大"));

    private Problems() {
    }

    /**
     * A title for a status the hub answers without a problem of its own (a container refusal, a sendError): the
     * reason phrase with its Chinese term, as every other problem title (IT-facing English with the Chinese term).
     */
    public static String statusTitle(int status, String reasonPhrase) {
        String term = STATUS_TERMS.get(status);
        return term == null ? reasonPhrase : reasonPhrase + " (" + term + ")";
    }

    /**
     * Refuses an extension member that would shadow a standard one. Throws at the line that adds it, so the mistake
     * shows in the first test that reaches it; name such members after what they describe ({@code ticketStatus}).
     */
    public static String requireExtensionName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A problem extension member needs a name");
        }
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a standard member of a problem (RFC 9457) and "
                    + "cannot also be an extension; name it after what it describes (e.g. ticketStatus for the "
                    + "status of a ticket)");
        }
        return name;
    }

    /** Checks every extension member of a problem about to be written ({@link #requireExtensionName}). */
    public static ProblemDetail requireValidExtensions(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            properties.keySet().forEach(Problems::requireExtensionName);
        }
        return problem;
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
