package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The WeCom connector's own operations ({@code wecom:<instance>?operation=<name>}), declared like the kit's
 * {@code StockOperations}:
 * <ul>
 *   <li>{@code app-message}: an {@link AppMessage} or its JSON → {@code message/send}; DONE with the msgid as the
 *       document number (partial failures listed in the {@link AppMessageResult} body and the summary), FAILED when
 *       WeCom refused the whole message (81013: no valid recipient).</li>
 * </ul>
 */
public final class WeComOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Operation<AppMessage> APP_MESSAGE = new Operation<>("app-message", Capability.NOTIFICATION,
            true, "Body: an AppMessage or its JSON {\"key\",\"users\":[..],\"parties\":[..],\"tags\":[..],\"msgtype\":"
            + "\"text|markdown\",\"content\"}. Sends one app message through message/send, keyed by 'key' (or a "
            + "hash of recipients and content). Out: body AppMessageResult (recipients WeCom did not deliver to: "
            + "invaliduser, invalidparty, invalidtag, unlicenseduser); headers HubConnectorOutcome DONE|FAILED "
            + "(FAILED when no recipient was valid, 81013), HubDocumentNumber (msgid), HubReason.") {
        @Override
        public AppMessage request(Object body, Function<String, Object> headers) {
            if (body instanceof AppMessage m) {
                return m;
            }
            JsonNode n = parse(body);
            String type = n.path("msgtype").asText("text").toUpperCase(Locale.ROOT);
            AppMessage.Type t;
            try {
                t = AppMessage.Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation=app-message: msgtype must be text or markdown, was '"
                        + n.path("msgtype").asText() + "'");
            }
            return new AppMessage(n.path("key").asText(null), ids(n, "users"), ids(n, "parties"), ids(n, "tags"), t,
                    n.path("content").asText(null));
        }

        @Override
        public String idempotencyKey(AppMessage request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, AppMessage request) {
            AppMessageResult r = connector.as(WeComConnector.class).orElseThrow(() -> new IllegalStateException(
                    connector.name() + " does not send WeCom app messages")).sendAppMessage(request);
            return r.status() == AppMessageResult.Status.SENT
                    ? new OperationResult(r, OperationResult.Status.DONE, r.msgId(), false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, null, false, r.reason(), r.summary());
        }
    };

    private WeComOperations() {
    }

    /** Every operation of the WeCom connector. */
    public static List<Operation<?>> all() {
        return List.of(APP_MESSAGE);
    }

    private static JsonNode parse(Object body) {
        try {
            JsonNode n = body instanceof String s ? JSON.readTree(s)
                    : body instanceof byte[] b ? JSON.readTree(new String(b, StandardCharsets.UTF_8))
                    : body instanceof Map<?, ?> m ? JSON.valueToTree(m) : null;
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("operation=app-message takes AppMessage JSON; the body does not parse: "
                    + e.getClass().getSimpleName());
        }
        throw new IllegalArgumentException("operation=app-message takes an AppMessage or its JSON object; the body is "
                + (body == null ? "empty" : "a " + body.getClass().getSimpleName()));
    }

    private static List<String> ids(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
