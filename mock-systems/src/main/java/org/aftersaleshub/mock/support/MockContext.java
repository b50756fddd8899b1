package org.aftersaleshub.mock.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What the API-surface classes of a mock share with the mock that owns them: its JSON mapper, its clock and its
 * base URL. A mock hands its {@link HttpMock#context} to the package-private classes it delegates each API surface
 * to, so they serialise and tell time exactly as the mock itself does.
 */
public final class MockContext {

    private static final ObjectMapper REPLY_JSON = new ObjectMapper();

    private final ObjectMapper json;
    private final MockClock clock;
    private final Supplier<String> baseUrl;

    MockContext(ObjectMapper json, MockClock clock, Supplier<String> baseUrl) {
        this.json = json;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public ObjectMapper json() {
        return json;
    }

    public MockClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public long millis() {
        return clock.millis();
    }

    /** The owning mock's {@code http://127.0.0.1:<port>}; only valid once it is started. */
    public String baseUrl() {
        return baseUrl.get();
    }

    public String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body as a JSON tree, or {@code null} when it does not parse (the caller answers "bad body"). */
    public JsonNode readJsonOrNull(MockRequest req) {
        try {
            return json.readTree(req.body());
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code text} as a JSON tree, or {@code null} when it does not parse (the reply checks on callbacks). */
    public static JsonNode parseJsonOrNull(String text) {
        try {
            return REPLY_JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
