package org.aftersaleshub.mock.imcrm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * Base of the IM/CRM mocks (DingTalk, WeCom, FXiaoKe): what each of them keeps besides its own business state —
 * live settings, issued access tokens, scripted platform errors, sliding-window limits, rate-limit rejections and
 * the callbacks it sends to the hub — and the admin paths over them, next to the shared ones of {@link HttpMock}:
 * <ul>
 *   <li>{@code GET|POST /mock-admin/config} — read / merge the settings (a partial JSON object,
 *       {@link #mergeSettings})</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/scripted-errors} — list / add / clear {@link ScriptedErrors}</li>
 *   <li>{@code POST /mock-admin/tokens/expire} — every honoured token expires now</li>
 * </ul>
 * A subclass adds its own admin paths in {@link #handlePlatformAdmin}; an {@link IllegalStateException} or
 * {@link IllegalArgumentException} thrown there answers 400 with its message, any other exception 400 with its
 * type and message.
 *
 * <p>State (settings excepted) is guarded by the mock itself ({@code synchronized (this)}); the classes a mock
 * delegates its API surfaces to get all of this through {@link #platform} and lock the same monitor.
 *
 * @param <S> the settings class: public fields, read and merged as JSON
 * @param <O> what an access token is issued to (see {@link AccessTokens})
 */
public abstract class ImCrmMock<S, O> extends HttpMock {

    private final String name;
    private final Supplier<S> defaultSettings;
    private final Function<S, Object> callbackSection;

    /** The live settings; replaced by fresh defaults on reset. */
    protected volatile S settings;
    protected final CallbackSender sender;
    protected final ScriptedErrors scripted = new ScriptedErrors();
    protected final SlidingWindowLimiter limiter = new SlidingWindowLimiter();
    protected final AccessTokens<O> tokens = new AccessTokens<>();
    /** Calls refused by a limit, as shown under {@code rateLimitRejections} in state. */
    protected final List<Map<String, Object>> rateLimitRejections = new ArrayList<>();
    /** All of the above plus the mapper and clock, for the classes this mock delegates its API surfaces to. */
    protected final ImCrmContext<S, O> platform = new ImCrmContext<>(this, context);

    /**
     * @param name            the mock's name ({@link #name()}), also naming its callback thread
     * @param defaultSettings fresh default settings, used at start and on every reset
     * @param callbackSection the settings' callback part, which a seed file's {@code <name>.callback} section
     *                        is merged into ({@link #seedCallbackSection})
     */
    protected ImCrmMock(String name, Supplier<S> defaultSettings, Function<S, Object> callbackSection) {
        this.name = name;
        this.defaultSettings = defaultSettings;
        this.callbackSection = callbackSection;
        this.settings = defaultSettings.get();
        this.sender = new CallbackSender(name + "-mock-callbacks", clock);
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Calls this mock refused (or, for WeCom members, silently dropped) because a platform limit was reached: robot
     * per-minute limits and blocks, a member's 30 a minute, API frequency. Also under {@code rateLimitRejections} in
     * {@code GET /mock-admin/state}.
     */
    public synchronized List<Map<String, Object>> rateLimitRejections() {
        return List.copyOf(rateLimitRejections);
    }

    /** The current settings (mutable: tests may change fields directly). */
    public S settings() {
        return settings;
    }

    /** Every callback the mock sent to the hub, attempt by attempt, with the hub's reply. */
    public List<CallbackSender.Attempt> callbackAttempts() {
        return sender.attempts();
    }

    @Override
    public void close() {
        sender.close();
        super.close();
    }

    // ------------------------------------------------------------------ reset and state

    @Override
    protected final synchronized void clearState() {
        settings = defaultSettings.get();
        sender.clear();
        scripted.clear();
        limiter.clear();
        tokens.clear();
        rateLimitRejections.clear();
        clearPlatformState();
    }

    /** Clears the subclass's own state; called with the lock held. */
    protected abstract void clearPlatformState();

    /** The subclass's state first, then {@code callbacks} and {@code scriptedErrors}. */
    @Override
    public final synchronized Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        putPlatformState(s);
        s.put("callbacks", sender.describe());
        s.put("scriptedErrors", scripted.describe());
        return s;
    }

    /** Puts the subclass's part of the state snapshot; called with the lock held. */
    protected abstract void putPlatformState(Map<String, Object> state);

    /** Merges {@code own.callback} of a seed file, if present, into the settings' callback part. */
    protected void seedCallbackSection(JsonNode own) {
        if (own.has("callback")) {
            try {
                json.readerForUpdating(callbackSection.apply(settings)).readValue(own.get("callback"));
            } catch (Exception e) {
                throw new IllegalArgumentException("bad " + name + ".callback section: " + e.getMessage(), e);
            }
        }
    }

    /** Records a call refused by a limit: {@code kind}, {@code key}, {@code operation}, {@code code}, {@code atMillis}. */
    protected synchronized void recordRejection(String kind, String key, String operation, Object code) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        r.put("key", key);
        r.put("operation", operation);
        r.put("code", code);
        r.put("atMillis", clock.millis());
        rateLimitRejections.add(r);
    }

    // ------------------------------------------------------------------ admin

    @Override
    protected final MockResponse handleAdmin(String subPath, MockRequest req) {
        try {
            switch (subPath) {
                case "config" -> {
                    if ("POST".equals(req.method())) {
                        synchronized (this) {
                            mergeSettings(req.body());
                        }
                    }
                    return MockResponse.json(200, toJson(settings));
                }
                case "scripted-errors" -> {
                    if ("POST".equals(req.method())) {
                        scripted.add(json.readValue(req.body(), new TypeReference<Map<String, Object>>() { }));
                    } else if ("DELETE".equals(req.method())) {
                        scripted.clear();
                    }
                    return MockResponse.json(200, toJson(scripted.describe()));
                }
                case "tokens/expire" -> {
                    synchronized (this) {
                        tokens.expireAll(clock.millis());
                    }
                    return MockResponse.json(200, "{\"expired\":true}");
                }
                default -> {
                    return handlePlatformAdmin(subPath, req);
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            return MockResponse.json(400, toJson(Map.of("error", String.valueOf(e.getMessage()))));
        } catch (Exception e) {
            return MockResponse.json(400, toJson(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }

    /**
     * Merges a posted partial settings object into the live settings; called with the lock held. Override to take
     * out fields that are state rather than settings.
     */
    protected void mergeSettings(byte[] partialJson) throws Exception {
        json.readerForUpdating(settings).readValue(partialJson);
    }

    /** The subclass's own admin paths; {@code null} for unknown ones. */
    protected abstract MockResponse handlePlatformAdmin(String subPath, MockRequest req) throws Exception;

    /** Admin "invalidate": the platform forgets every token (for mocks that offer {@code tokens/invalidate}). */
    protected MockResponse invalidateAllTokens() {
        synchronized (this) {
            tokens.invalidateAll();
        }
        return MockResponse.json(200, "{\"invalidated\":true}");
    }
}
