package org.aftersaleshub.connector.dingtalk.connection;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * A JSON PUT (the card update, docs/vendor-apis/dingtalk.md §7.4), which the kit's {@link HttpTransport} does not
 * offer, classified the same way: no connection → RETRYABLE, no answer after sending → OUTCOME_UNKNOWN, then
 * {@link HttpTransport#classify(int)} on the status. Problem texts name the host only and pass the masker.
 */
final class HttpPut {

    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    private final HttpClient client;
    private final Duration timeout;
    private final SecretMasker masker;

    HttpPut(Duration connectTimeout, Duration timeout, SecretMasker masker) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.masker = masker;
    }

    HttpResult putJson(URI uri, Map<String, String> headers, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json;charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        HttpResponse<String> res;
        try {
            res = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return none(Outcome.RETRYABLE, "cannot connect to " + host);
        } catch (HttpTimeoutException e) {
            return none(Outcome.OUTCOME_UNKNOWN, "no answer from " + host + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return none(e.getCause() instanceof ConnectException ? Outcome.RETRYABLE : Outcome.OUTCOME_UNKNOWN,
                    "connection to " + host + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none(Outcome.OUTCOME_UNKNOWN, "interrupted while waiting for " + host);
        }
        Outcome o = HttpTransport.classify(res.statusCode());
        String text = res.body() == null ? "" : res.body();
        String problem = o == Outcome.SUCCESS ? "" : "HTTP " + res.statusCode() + " from " + host + ": "
                + masker.mask(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        return new HttpResult(o, res.statusCode(), text, res.headers(), problem, res.statusCode() == 429,
                Optional.empty());
    }

    private static HttpResult none(Outcome o, String problem) {
        return new HttpResult(o, 0, "", NONE, problem, false, Optional.empty());
    }
}
