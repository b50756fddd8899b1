package org.aftersaleshub.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain-HTTP driver for the ERP mock tests (U8, YonBIP): what a client puts on the wire, no connector code.
 * Exceptions (a {@link java.net.http.HttpTimeoutException} included) reach the test unchanged.
 */
public final class ErpHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String baseUrl;

    /** @param baseUrl the mock's base URL, which relative paths are appended to */
    public ErpHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Sends {@code body} (JSON) with {@code method}, or a GET when {@code body} is null.
     *
     * @param pathAndQuery a path on the mock, or an absolute URL (e.g. an async result URL the mock handed out)
     */
    public HttpResponse<String> raw(String method, String pathAndQuery, String body, Duration timeout) throws Exception {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl + pathAndQuery;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method,
                HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET, the answer as JSON (10 s timeout). */
    public JsonNode get(String pathAndQuery) throws Exception {
        return JSON.readTree(raw("GET", pathAndQuery, null, Duration.ofSeconds(10)).body());
    }

    /** POST a JSON body, the answer as JSON (10 s timeout). */
    public JsonNode post(String pathAndQuery, String body) throws Exception {
        return JSON.readTree(raw("POST", pathAndQuery, body, Duration.ofSeconds(10)).body());
    }
}
