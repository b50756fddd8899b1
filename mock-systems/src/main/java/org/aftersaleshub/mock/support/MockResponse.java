package org.aftersaleshub.mock.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a mock answers. {@code reset = true} drops the connection instead of answering. A header value
 * containing {@code '\n'} is written as one header line per part ({@link #withHeaderLines}).
 */
public record MockResponse(int status, Map<String, String> headers, byte[] body, long delayMs, boolean reset) {

    public static MockResponse json(int status, String json) {
        return new MockResponse(status, Map.of("Content-Type", "application/json;charset=UTF-8"),
                json.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    public static MockResponse text(int status, String contentType, String body) {
        return new MockResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), 0,
                false);
    }

    public static MockResponse connectionReset() {
        return new MockResponse(0, Map.of(), new byte[0], 0, true);
    }

    public MockResponse withDelay(long ms) {
        return new MockResponse(status, headers, body, delayMs + ms, reset);
    }

    public MockResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new MockResponse(status, h, body, delayMs, reset);
    }

    /**
     * Sets a header sent as several lines with the same name (e.g. two {@code Set-Cookie}); stored joined by
     * {@code '\n'}, which no legal header value contains, and split again when the answer is written.
     */
    public MockResponse withHeaderLines(String name, java.util.List<String> values) {
        return withHeader(name, String.join("\n", values));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
