package org.aftersaleshub.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;

/**
 * The event a notification route received, read from the JSON the shared route configuration kept: an event
 * envelope ({@code data} is its payload) or an IT alert (the alert itself). Read as a tree, so event types the model
 * does not know yet (CardActionHandled) are read like the others.
 *
 * @param ticketId the envelope's ticket, else the payload's, else null
 */
record NotifyEvent(String id, String type, String ticketId, Instant occurredAt, JsonNode data) {

    static NotifyEvent of(Exchange ex, ObjectMapper json) {
        String text = ex.getProperty(DeliveryProperties.EVENT_JSON, String.class);
        try {
            JsonNode n = json.readTree(text);
            String at = n.path("occurredAt").asText(n.path("raisedAt").asText(null));
            JsonNode data = n.has("data") ? n.get("data") : n;
            String ticketId = n.path("ticketId").asText(data.path("ticketId").asText(""));
            return new NotifyEvent(ex.getProperty(MessageHeaders.EVENT_ID, String.class), n.path("type").asText(
                    ex.getProperty(MessageHeaders.EVENT_TYPE, String.class)), ticketId.isBlank() ? null : ticketId,
                    at == null ? Instant.now() : Instant.parse(at), data);
        } catch (Exception e) {
            throw new IllegalArgumentException("the event is not JSON the notification routes can read: "
                    + e.getClass().getSimpleName());
        }
    }
}
