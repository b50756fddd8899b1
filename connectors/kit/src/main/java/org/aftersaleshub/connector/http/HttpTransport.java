package org.aftersaleshub.connector.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * GETs and POSTs over {@link HttpClient} with a connect and a request timeout, and classifies what happened
 * ({@link Outcome}) without ever throwing for I/O:
 * <ul>
 *   <li>no connection (refused, unknown host, connect timeout): RETRYABLE — the request never left;</li>
 *   <li>request timeout, reset or EOF after the request went out: OUTCOME_UNKNOWN;</li>
 *   <li>2xx: SUCCESS; 429: RETRYABLE + rate-limited (Retry-After honoured); 503: RETRYABLE;
 *       500/502/504 and 408: OUTCOME_UNKNOWN (the server or a proxy may have processed it); other 4xx and
 *       3xx: NOT_RETRYABLE.</li>
 * </ul>
 * Problem texts pass through a {@link SecretMasker}.
 */
public final class HttpTransport {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final SecretMasker masker;

    public HttpTransport(Duration connectTimeout, Duration requestTimeout, SecretMasker masker) {
        this(HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build(), requestTimeout, masker);
    }

    public HttpTransport(HttpClient client, Duration requestTimeout, SecretMasker masker) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.masker = masker;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** POSTs {@code body} as UTF-8 with these headers; a null {@code timeout} means the transport's default. */
    public HttpResult post(URI uri, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout == null ? requestTimeout : timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build(), uri, timeout);
    }

    /** POSTs a JSON document ({@code Content-Type: application/json;charset=utf-8}). */
    public HttpResult postJson(URI uri, String json, Duration timeout) {
        return post(uri, Map.of("Content-Type", "application/json;charset=utf-8"), json, timeout);
    }

    /** GETs {@code uri} with these headers; a null {@code timeout} means the transport's default. */
    public HttpResult get(URI uri, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout == null ? requestTimeout : timeout).GET();
        headers.forEach(b::header);
        return send(b.build(), uri, timeout);
    }

    /** GETs {@code uri}; a null {@code timeout} means the transport's default. */
    public HttpResult get(URI uri, Duration timeout) {
        return get(uri, Map.of(), timeout);
    }

    /**
     * One exchange, classified. Problem texts name only scheme-less host and port (never the path or query, which
     * may carry an app secret or a token) and pass through the masker.
     */
    private HttpResult send(HttpRequest request, URI uri, Duration timeout) {
        HttpResponse<String> res;
        try {
            res = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return HttpResult.noResponse(Outcome.RETRYABLE, "connect timeout to " + hostOf(uri));
        } catch (HttpTimeoutException e) {
            return HttpResult.noResponse(Outcome.OUTCOME_UNKNOWN, "no answer from " + hostOf(uri) + " within "
                    + (timeout == null ? requestTimeout : timeout).toMillis() + " ms");
        } catch (ConnectException | UnknownHostException | UnresolvedAddressException e) {
            return HttpResult.noResponse(Outcome.RETRYABLE, "cannot connect to " + hostOf(uri) + ": "
                    + masker.mask(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                return HttpResult.noResponse(Outcome.RETRYABLE, "cannot connect to " + hostOf(uri));
            }
            return HttpResult.noResponse(Outcome.OUTCOME_UNKNOWN, "connection to " + hostOf(uri) + " broke after "
                    + "the request was sent: " + e.getClass().getSimpleName() + " " + masker.mask(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResult.noResponse(Outcome.OUTCOME_UNKNOWN, "interrupted while waiting for " + hostOf(uri));
        }
        int status = res.statusCode();
        String text = res.body() == null ? "" : res.body();
        Outcome outcome = classify(status);
        String problem = outcome == Outcome.SUCCESS ? "" : "HTTP " + status + " from " + hostOf(uri) + ": "
                + masker.mask(abbreviate(text, 300));
        Optional<Duration> retryAfter = res.headers().firstValue("Retry-After").flatMap(HttpTransport::seconds);
        return new HttpResult(outcome, status, text, res.headers(), problem, status == 429, retryAfter);
    }

    /** The HTTP-status part of the classification (see class comment). */
    public static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.SUCCESS;
        }
        return switch (status) {
            case 429, 503 -> Outcome.RETRYABLE;
            case 408, 500, 502, 504 -> Outcome.OUTCOME_UNKNOWN;
            default -> status > 504 ? Outcome.OUTCOME_UNKNOWN : Outcome.NOT_RETRYABLE;
        };
    }

    private static Optional<Duration> seconds(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
