package org.aftersaleshub.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The hub's REST API as the kill -9 tests' clients call it: one API key, HTTP/1.1, and short timeouts, so a request
 * to a killed hub fails fast with an {@link IOException} (the caller decides whether to retry with the same
 * Idempotency-Key or give up and count the request as in doubt).
 */
final class HubApiClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String apiKey;

    HubApiClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** POSTs a JSON body with an Idempotency-Key; whatever the hub answers (an IOException when it did not). */
    HttpResponse<String> post(String path, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with the API key; the parsed body of a 200, or null for a 404. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return read(r.body());
    }

    /** GET with the API key; the body of a 200 as text (e.g. {@code /actuator/prometheus}). */
    String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The JSON of a 2xx answer's body. */
    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("2xx with unreadable body: " + body, e);
        }
    }
}
