package org.aftersaleshub.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request Spring Security's firewall refuses (an encoded {@code /}, {@code %} or line break in the path, a
 * {@code ;} or {@code //}, a control character in a header or parameter, an unknown method) with 400 problem+json.
 * Without it the refusal is an exception that ends in a 500. The firewall's message quotes the refused value, so it
 * is logged, never returned; the answer names only the part of the request (path, method or the header / parameter
 * name).
 */
@Component
public class FirewallRejections implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);
    /** The name in "...because the header: "X-Name " has a value..." or "...the parameter name "p" is not...". */
    private static final Pattern NAMED = Pattern.compile("because the (header|parameter)(?: name)?:? \"([^\"]*)\"");
    /** A header or parameter name fit to repeat in an answer. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

    private final ProblemWriter problems;

    public FirewallRejections(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Request refused by the firewall: {}", rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The container already refused this request (e.g. TRACE, 405) and forwards it to /error, whose
            // method the firewall refuses in turn: answer the container's refusal, not the firewall's.
            problems.write(request, response, forwardedError(request));
            return;
        }
        response.reset();
        FieldViolation v = violation(rejected.getMessage());
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                "Malformed request (请求格式错误)", "The request was refused before it reached the API: "
                        + v.field() + " " + v.message() + ".");
        p.setProperty("errors", List.of(v));
        problems.write(request, response, p);
    }

    private static ProblemDetail forwardedError(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.resolve(i)
                : HttpStatus.BAD_REQUEST;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail p = status == HttpStatus.METHOD_NOT_ALLOWED
                ? Problems.of(status, Problems.METHOD_NOT_ALLOWED, "Method not allowed (不支持的请求方法)",
                        request.getMethod() + " is not supported on " + uri + ".")
                : Problems.of(status, status.is5xxServerError() ? Problems.INTERNAL : Problems.HTTP_ERROR,
                        status.getReasonPhrase(), "The request to " + uri + " was refused: "
                                + status.getReasonPhrase() + ".");
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            p.setProperty("errors", List.of(new FieldViolation("method", "allowed-method",
                    "is not allowed on this resource")));
        }
        p.setInstance(uri == null ? null : Problems.instance(uri.toString()));
        return p;
    }

    static FieldViolation violation(String message) {
        String m = message == null ? "" : message;
        Matcher named = NAMED.matcher(m);
        if (named.find()) {
            String name = named.group(2).trim();
            boolean header = named.group(1).equals("header");
            String field = TOKEN.matcher(name).matches() ? name : header ? "headers" : "query";
            return header
                    ? new FieldViolation(field, "header-syntax",
                            "must consist of printable characters (no control characters) (请求头非法)")
                    : new FieldViolation(field, "parameter-syntax",
                            "must consist of printable characters (no control characters) (参数非法)");
        }
        if (m.contains("HTTP method")) {
            return new FieldViolation("method", "known-method",
                    "must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        return new FieldViolation("path", "uri-syntax", "must be a plain, normalised path: no encoded '/', '\\', '%', "
                + "'.' or line breaks, no ';', '//' or '..' segments (路径非法)");
    }
}
