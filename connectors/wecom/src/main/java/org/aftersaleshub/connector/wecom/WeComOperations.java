package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.EventBodies;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The WeCom connector's own operations ({@code wecom:<instance>?operation=<name>}), declared like the kit's
 * {@code StockOperations}:
 * <ul>
 *   <li>{@code app-message}: an {@link AppMessage} or its JSON → {@code message/send}; text, markdown or a
 *       {@code template_card} ({@link TemplateCard}); DONE with the msgid as the document number (partial failures
 *       listed in the {@link AppMessageResult} body and the summary; a card's single-use {@code responseCode} in the
 *       body), FAILED when WeCom refused the whole message (81013: no valid recipient).</li>
 *   <li>{@code card-update}: a {@link TemplateCardUpdate} or its JSON → {@code update_template_card} with the
 *       single-use response code; DONE when applied, FAILED with {@code sendNewCard} in the
 *       {@link TemplateCardUpdateResult} body when there was no code (no call made) or WeCom refused it: the caller
 *       then sends a new card with {@code app-message}.</li>
 *   <li>{@code robot-send}: a {@link WeComRobotMessage} or its JSON; the robot named by {@code robot} or the
 *       {@value #ROBOT_HEADER} header → {@code webhook/send} within the robot's budget; DONE, or FAILED when WeCom
 *       refused the content.</li>
 * </ul>
 * Budgets: a member or robot without a send permit throws {@link WeComLimitException} (retryable, nothing sent).
 */
public final class WeComOperations {


    /** The message header that names the robot of {@code robot-send} when the body does not. */
    public static final String ROBOT_HEADER = "HubRobot";

    public static final Operation<AppMessage> APP_MESSAGE = new Operation<>("app-message", Capability.NOTIFICATION,
            true, "Body: an AppMessage or its JSON {\"key\",\"users\":[..],\"parties\":[..],\"tags\":[..],\"msgtype\":"
            + "\"text|markdown|template_card\",\"content\" | \"card\":{\"taskId\",\"title\",\"description\"?,"
            + "\"fields\"?,\"url\"?,\"buttons\":[{\"text\",\"key\",\"style\"?}]}}. Sends one app message through "
            + "message/send, keyed "
            + "by 'key' (or a hash of recipients and content), within each member's send budget. Out: body "
            + "AppMessageResult (recipients WeCom did not deliver to: invaliduser, invalidparty, invalidtag, "
            + "unlicenseduser; for a card its single-use responseCode); headers HubConnectorOutcome DONE|FAILED "
            + "(FAILED when no recipient was valid, 81013), HubDocumentNumber (msgid), HubReason.") {
        @Override
        public AppMessage request(Object body, Function<String, Object> headers) {
            if (body instanceof AppMessage m) {
                return m;
            }
            JsonNode n = EventBodies.jsonObject(body, name());
            String type = n.path("msgtype").asText("text").toUpperCase(Locale.ROOT);
            AppMessage.Type t;
            try {
                t = AppMessage.Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation=app-message: msgtype must be text, markdown or "
                        + "template_card, was '" + n.path("msgtype").asText() + "'");
            }
            return new AppMessage(n.path("key").asText(null), ids(n, "users"), ids(n, "parties"), ids(n, "tags"), t,
                    n.path("content").asText(null), t == AppMessage.Type.TEMPLATE_CARD ? card(n.path("card")) : null);
        }

        @Override
        public String idempotencyKey(AppMessage request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, AppMessage request) {
            AppMessageResult r = weCom(connector).sendAppMessage(request);
            return r.status() == AppMessageResult.Status.SENT
                    ? new OperationResult(r, OperationResult.Status.DONE, r.msgId(), false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, null, false, r.reason(), r.summary());
        }
    };

    public static final Operation<TemplateCardUpdate> CARD_UPDATE = new Operation<>("card-update",
            Capability.NOTIFICATION, true, "Body: a TemplateCardUpdate or its JSON {\"key\"?,\"responseCode\","
            + "\"users\"?:[..],\"parties\"?,\"tags\"?,\"atAll\"?,\"replaceName\" | \"card\":{..}}. Updates a delivered "
            + "template card once with its single-use response code (update_template_card): the buttons replaced "
            + "by a label, or the whole card. Without a responseCode nothing is called. Out: body "
            + "TemplateCardUpdateResult; headers HubConnectorOutcome DONE | FAILED (no code, or WeCom refused it: "
            + "send a new card with operation=app-message), HubReason.") {
        @Override
        public TemplateCardUpdate request(Object body, Function<String, Object> headers) {
            if (body instanceof TemplateCardUpdate u) {
                return u;
            }
            JsonNode n = EventBodies.jsonObject(body, name());
            return new TemplateCardUpdate(n.path("key").asText(null), n.path("responseCode").asText(null),
                    ids(n, "users"), ids(n, "parties"), ids(n, "tags"), n.path("atAll").asBoolean(false),
                    n.path("replaceName").asText(null), n.has("card") ? card(n.get("card")) : null);
        }

        @Override
        public String idempotencyKey(TemplateCardUpdate request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, TemplateCardUpdate request) {
            TemplateCardUpdateResult r = weCom(connector).updateTemplateCard(request);
            return r.status() == TemplateCardUpdateResult.Status.UPDATED
                    ? new OperationResult(r, OperationResult.Status.DONE, null, false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, null, false, r.reason(), r.summary());
        }
    };

    public static final Operation<WeComRobotMessage> ROBOT_SEND = new Operation<>("robot-send",
            Capability.NOTIFICATION, true, "Body: a WeComRobotMessage or its JSON {\"key\"?,\"robot\"?,\"msgtype\":"
            + "\"text|markdown\",\"content\",\"mentionedUserIds\"?,\"mentionedMobiles\"?}; the robot (a name in "
            + "wecom.robot-keys) from 'robot' or the HubRobot header. Sends one group-robot message within the "
            + "robot's send budget. Out: body WeComRobotResult; headers HubConnectorOutcome DONE | FAILED (content "
            + "refused), HubReason. Throws WeComLimitException (retryable, nothing sent) without a permit or on "
            + "45009.") {
        @Override
        public WeComRobotMessage request(Object body, Function<String, Object> headers) {
            if (body instanceof WeComRobotMessage m) {
                return m;
            }
            JsonNode n = EventBodies.jsonObject(body, name());
            String robot = n.path("robot").asText(null);
            if ((robot == null || robot.isBlank()) && headers.apply(ROBOT_HEADER) != null) {
                robot = String.valueOf(headers.apply(ROBOT_HEADER));
            }
            WeComRobotMessage.Type t;
            try {
                t = WeComRobotMessage.Type.valueOf(n.path("msgtype").asText("text").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation=robot-send: msgtype must be text or markdown, was '"
                        + n.path("msgtype").asText() + "'");
            }
            return new WeComRobotMessage(n.path("key").asText(null), robot, t, n.path("content").asText(null),
                    ids(n, "mentionedUserIds"), ids(n, "mentionedMobiles"));
        }

        @Override
        public String idempotencyKey(WeComRobotMessage request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, WeComRobotMessage request) {
            WeComRobotResult r = weCom(connector).sendRobotMessage(request);
            return r.status() == WeComRobotResult.Status.DELIVERED
                    ? new OperationResult(r, OperationResult.Status.DONE, null, false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, null, false,
                    "errcode " + r.errcode() + " " + r.reason(), r.summary());
        }
    };

    private WeComOperations() {
    }

    /** Every operation of the WeCom connector. */
    public static List<Operation<?>> all() {
        return List.of(APP_MESSAGE, CARD_UPDATE, ROBOT_SEND);
    }

    private static WeComConnector weCom(HubConnector connector) {
        return connector.as(WeComConnector.class).orElseThrow(() -> new IllegalStateException(connector.name()
                + " is not a WeCom connector"));
    }


    /** A {@link TemplateCard} from its JSON (see the class comment of TemplateCard). */
    static TemplateCard card(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("card must be a JSON object");
        }
        List<TemplateCard.Field> fields = new ArrayList<>();
        n.path("fields").forEach(f -> fields.add(new TemplateCard.Field(f.path("key").asText(),
                f.path("value").asText())));
        List<TemplateCard.Button> buttons = new ArrayList<>();
        n.path("buttons").forEach(b -> buttons.add(new TemplateCard.Button(b.path("text").asText(null),
                b.path("key").asText(null), b.path("style").asInt(1), b.path("url").asText(null))));
        return new TemplateCard(n.path("taskId").asText(null), n.path("title").asText(null),
                n.path("description").asText(null), fields, n.path("url").asText(null), buttons);
    }

    private static List<String> ids(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
