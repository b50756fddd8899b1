package org.aftersaleshub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Real HTTP against the test hub: one API key, JSON in, the status, headers and body out. Every error answer is
 * checked against the problem rules on arrival ({@link ProblemBodies}), and JSON is read refusing repeated keys.
 */
public final class ApiTestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = ProblemBodies.STRICT;

    private final String base;
    private final String key;

    public ApiTestClient(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    /** An answer: status, the raw body and headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public ApiTestClient withKey(String otherKey) {
        return new ApiTestClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json, String... headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** A request with this client's key, for callers that need full control. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            ProblemBodies.check(request.method() + " " + request.uri(), request.uri().getRawPath(), r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(null),
                    r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ticketJson() {
        return """
                {"channel":"WEB","customerId":"C-10086","faultType":"制冷异常","description":"压缩机不启动",
                 "priority":"HIGH","region":"华东","device":{"serial":"SN-001","model":"KFR-35"}}""";
    }
}
