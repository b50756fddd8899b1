package org.aftersaleshub.mock.imcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.aftersaleshub.mock.support.MockSystem;

/** Plain-HTTP driver for the mock tests: no connector code, just java.net.http. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** A response: status, body text, headers. */
    public record Res(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public static Res get(String url) {
        return send("GET", url, Map.of(), null);
    }

    public static Res postJson(String url, String body) {
        return send("POST", url, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    public static Res send(String method, String url, Map<String, String> headers, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + url + " failed", e);
        }
    }

    /** GET /mock-admin/state as JSON. */
    public static JsonNode state(MockSystem mock) {
        return get(mock.baseUrl() + "/mock-admin/state").json();
    }

    /** POST a JSON body to /mock-admin/{path}; fails unless 200. */
    public static JsonNode admin(MockSystem mock, String path, String body) {
        Res r = postJson(mock.baseUrl() + "/mock-admin/" + path, body);
        if (r.status() != 200) {
            throw new AssertionError("admin " + path + " -> " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Moves the mock's clock forward through the admin API. */
    public static void advance(MockSystem mock, Duration by) {
        admin(mock, "clock", "{\"advanceSeconds\":" + by.toSeconds() + "}");
    }

    /** Sets the mock's clock through the admin API. */
    public static void setClock(MockSystem mock, long epochMillis) {
        admin(mock, "clock", "{\"set\":\"" + java.time.Instant.ofEpochMilli(epochMillis) + "\"}");
    }
}
