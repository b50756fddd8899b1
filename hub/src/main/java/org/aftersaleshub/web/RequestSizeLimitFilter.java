package org.aftersaleshub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code hub.api.max-request-body} with 413 problem+json. Tomcat does not limit
 * non-form bodies, so this filter checks Content-Length up front and counts the bytes of bodies sent without one
 * (chunked). An accepted body is buffered once, so later steps (Idempotency-Key hashing, JSON binding) re-read it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;
    private final List<OwnBodyLimit> ownLimits;

    public RequestSizeLimitFilter(ApiWebProperties properties, ProblemWriter problems, List<OwnBodyLimit> ownLimits) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.problems = problems;
        this.ownLimits = List.copyOf(ownLimits);
    }

    /**
     * Left alone: a path with its own, bounded body reading ({@link OwnBodyLimit}, the field page's photos), and the
     * form posts of the pages for people (the console's sign-in and buttons, the field page's forms), which Tomcat
     * reads as parameters — a buffered body would hide them — and bounds itself
     * (server.tomcat.max-http-form-post-size).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (ownLimits.stream().anyMatch(l -> l.covers(request))) {
            return true;
        }
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[(int) Math.min(limit, 8192)];
        int n = 0;
        int r;
        while (n < limit && (r = in.read(buf, n, (int) Math.min(buf.length - n, limit - n))) != -1) {
            n += r;
            if (n == buf.length && n < limit) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail p = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE,
                "Request body too large (请求体过大)",
                "The request body is larger than the limit of " + maxBytes + " bytes (hub.api.max-request-body).");
        p.setProperty("errors", List.of(new FieldViolation("$", "max-bytes:" + maxBytes,
                "must be at most " + maxBytes + " bytes")));
        problems.write(request, response, p);
    }
}
