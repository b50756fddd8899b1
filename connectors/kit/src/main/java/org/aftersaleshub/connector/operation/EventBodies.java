package org.aftersaleshub.connector.operation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.HubEvent;

/**
 * Reads the hub event a route carries: routes receive the event JSON ({@link EventEnvelope}) from the broker, and
 * operations take it as it is, so a YAML route needs no conversion step before calling a connector.
 */
public final class EventBodies {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private EventBodies() {
    }

    /** The event's payload when {@code body} is an event (JSON text or bytes, an envelope, a payload), else null. */
    public static HubEvent event(Object body) {
        if (body instanceof HubEvent e) {
            return e;
        }
        if (body instanceof EventEnvelope env) {
            return env.data();
        }
        String text = body instanceof String s ? s : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                : null;
        if (text == null || !text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(text, EventEnvelope.class).data();
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is JSON but not a hub event envelope: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * An operation's JSON body (a String, bytes or a Map) as an object node, or an IllegalArgumentException naming
     * the operation and what the body was instead; the message never quotes the body.
     */
    public static JsonNode jsonObject(Object body, String operation) {
        JsonNode n;
        try {
            n = body instanceof String s ? JSON.readTree(s)
                    : body instanceof byte[] b ? JSON.readTree(new String(b, StandardCharsets.UTF_8))
                    : body instanceof Map<?, ?> m ? JSON.valueToTree(m) : null;
        } catch (Exception e) {
            throw new IllegalArgumentException("operation=" + operation + " takes JSON; the body does not parse: "
                    + e.getClass().getSimpleName());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("operation=" + operation + " takes a JSON object; the body is "
                    + (body == null ? "empty" : "a " + body.getClass().getSimpleName()));
        }
        return n;
    }
}
