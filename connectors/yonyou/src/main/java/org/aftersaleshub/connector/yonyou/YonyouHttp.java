package org.aftersaleshub.connector.yonyou;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * GET and POST with the kit's outcome classification. The kit's {@link HttpTransport} only POSTs, and both Yonyou
 * APIs read with GET (U8 token, result polling and current stock; YonBIP discovery and token), so GET lives here
 * with the same rules: no connection → RETRYABLE, sent but no answer → OUTCOME_UNKNOWN, status classified by
 * {@link HttpTransport#classify(int)}. Problem texts never contain the URL's query (U8 sends its app secret there)
 * and pass through the {@link SecretMasker}.
 */
public final class YonyouHttp {

    private final HttpClient client;
    private final HttpTransport transport;
    private final Duration requestTimeout;
    private final SecretMasker masker;

    public YonyouHttp(Duration connectTimeout, Duration requestTimeout, SecretMasker masker) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.transport = new HttpTransport(client, requestTimeout, masker);
        this.requestTimeout = requestTimeout;
        this.masker = masker;
    }

    /** POSTs a JSON body through the kit's transport. */
    public HttpResult postJson(URI uri, String json, Duration timeout) {
        return transport.post(uri, Map.of("Content-Type", "application/json;charset=utf-8"), json, timeout);
    }

    /** GETs {@code uri}; a null {@code timeout} means the default request timeout. */
    public HttpResult get(URI uri, Duration timeout) {
        Duration t = timeout == null ? requestTimeout : timeout;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(t).GET().build();
        HttpResponse<String> res;
        try {
            res = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return none(Outcome.RETRYABLE, "connect timeout to " + hostOf(uri));
        } catch (HttpTimeoutException e) {
            return none(Outcome.OUTCOME_UNKNOWN, "no answer from " + hostOf(uri) + " within " + t.toMillis() + " ms");
        } catch (ConnectException | UnknownHostException | UnresolvedAddressException e) {
            return none(Outcome.RETRYABLE, "cannot connect to " + hostOf(uri));
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                return none(Outcome.RETRYABLE, "cannot connect to " + hostOf(uri));
            }
            return none(Outcome.OUTCOME_UNKNOWN, "connection to " + hostOf(uri) + " broke after the request was sent: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none(Outcome.OUTCOME_UNKNOWN, "interrupted while waiting for " + hostOf(uri));
        }
        int status = res.statusCode();
        String text = res.body() == null ? "" : res.body();
        Outcome outcome = HttpTransport.classify(status);
        String problem = outcome == Outcome.SUCCESS ? "" : "HTTP " + status + " from " + hostOf(uri) + ": "
                + masker.mask(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        Optional<Duration> retryAfter = res.headers().firstValue("Retry-After").flatMap(YonyouHttp::seconds);
        return new HttpResult(outcome, status, text, res.headers(), problem, status == 429, retryAfter);
    }

    /** {@code a=1&b=x%2By}: names and values URL-encoded (UTF-8), in the given order; null values left out. */
    public static String query(Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(encode(k) + "=" + encode(v));
            }
        });
        return q.toString();
    }

    /** URL-encodes one value: {@code +}, {@code /} and {@code =} become {@code %2B}, {@code %2F}, {@code %3D}. */
    public static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** {@code base} with exactly one slash before {@code path}. */
    public static URI resolve(String base, String path, Map<String, String> params) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String p = path.startsWith("/") ? path : "/" + path;
        String q = params.isEmpty() ? "" : "?" + query(params);
        return URI.create(b + p + q);
    }

    private static HttpResult none(Outcome outcome, String problem) {
        return new HttpResult(outcome, 0, "", java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true), problem, false,
                Optional.empty());
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
}
