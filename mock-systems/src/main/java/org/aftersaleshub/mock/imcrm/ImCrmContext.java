package org.aftersaleshub.mock.imcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.support.MockClock;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockRequest;

/**
 * What the API-surface classes of an IM/CRM mock share with it ({@link ImCrmMock#platform}): the mapper and clock,
 * the live settings, the issued tokens, limits, scripted errors, the callback sender and the rejection log — and the
 * mock itself as the lock that guards all of that state ({@code synchronized (platform.lock())}).
 *
 * @param <S> the mock's settings class
 * @param <O> what its access tokens are issued to
 */
public final class ImCrmContext<S, O> {

    private final ImCrmMock<S, O> mock;
    private final MockContext context;

    ImCrmContext(ImCrmMock<S, O> mock, MockContext context) {
        this.mock = mock;
        this.context = context;
    }

    /** The monitor of the mock's state: the mock itself. */
    public Object lock() {
        return mock;
    }

    /** The live settings (replaced by fresh defaults on reset, so read them per call). */
    public S settings() {
        return mock.settings;
    }

    public AccessTokens<O> tokens() {
        return mock.tokens;
    }

    public SlidingWindowLimiter limiter() {
        return mock.limiter;
    }

    public ScriptedErrors scripted() {
        return mock.scripted;
    }

    public CallbackSender sender() {
        return mock.sender;
    }

    /** Records a call refused by a limit (see {@link ImCrmMock#recordRejection}). */
    public void recordRejection(String kind, String key, String operation, Object code) {
        mock.recordRejection(kind, key, operation, code);
    }

    /** The rejection log itself, for a mock whose entries have their own shape; guard it with {@link #lock()}. */
    public List<Map<String, Object>> rateLimitRejections() {
        return mock.rateLimitRejections;
    }

    public ObjectMapper json() {
        return context.json();
    }

    public MockClock clock() {
        return context.clock();
    }

    public long millis() {
        return context.millis();
    }

    public String toJson(Object o) {
        return context.toJson(o);
    }

    public JsonNode readJsonOrNull(MockRequest req) {
        return context.readJsonOrNull(req);
    }

    // ------------------------------------------------------------------ helpers for callbacks and state views

    /** The hub's callback URL, or a clear failure while none is configured. */
    public static String requireCallbackUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no callback url configured: POST /mock-admin/config {\"callback\":{\"url\":...}}");
        }
        return url;
    }

    /** {@code url} with {@code query} appended after {@code ?} or, when it already has a query, {@code &}. */
    public static String withQuery(String url, String query) {
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    /** A signature with its last hex digit changed: the tampered-signature negative case. */
    public static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** The non-blank parts of {@code s} split at {@code separatorRegex}, trimmed (recipient id lists). */
    public static List<String> splitList(String s, String separatorRegex) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(separatorRegex)) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** A copy of per-recipient message lists for a state snapshot. */
    public static Map<String, Object> copyOfLists(Map<String, List<Map<String, Object>>> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }
}
