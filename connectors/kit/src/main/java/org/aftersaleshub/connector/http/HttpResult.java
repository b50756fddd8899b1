package org.aftersaleshub.connector.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The transport's view of one HTTP exchange.
 *
 * @param outcome     classification at the HTTP level; SUCCESS means "a 2xx body arrived", the body may still
 *                    carry a business error
 * @param status      HTTP status, or 0 when no response arrived
 * @param body        response body (empty when none)
 * @param headers     response headers (empty when none)
 * @param problem     short masked description when not SUCCESS, else empty
 * @param rateLimited the system asked us to slow down (429)
 * @param retryAfter  the system's Retry-After, when it gave one
 */
public record HttpResult(Outcome outcome, int status, String body, HttpHeaders headers, String problem,
                         boolean rateLimited, Optional<Duration> retryAfter) {

    static final HttpHeaders NO_HEADERS = HttpHeaders.of(java.util.Map.of(), (a, b) -> true);

    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    /** All values of a response header (case-insensitive), e.g. every {@code Set-Cookie}. */
    public List<String> headerValues(String name) {
        return headers.allValues(name);
    }

    static HttpResult noResponse(Outcome outcome, String problem) {
        return new HttpResult(outcome, 0, "", NO_HEADERS, problem, false, Optional.empty());
    }
}
