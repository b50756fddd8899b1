package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The DingTalk connector's interactive-card operations (docs/vendor-apis/dingtalk.md §7, §13.2, §13.3):
 * <ul>
 *   <li>{@code card-deliver}: a {@link CardDelivery} or its JSON → {@code createAndDeliver} with
 *       {@code callbackType: HTTP} and the instance's route key, to one person (IM_ROBOT) or a group (IM_GROUP);
 *       keyed by the caller's {@code outTrackId}, which DingTalk will not deliver twice. Out: body
 *       {@link CardResult}, {@code HubDocumentNumber} = outTrackId, DONE when a space got it, FAILED (with the
 *       per-space reasons) when none did.</li>
 *   <li>{@code card-update}: a {@link CardUpdate} or its JSON → {@code PUT card/instances}, merging by key unless
 *       {@code "merge":false}. Out: body {@link CardUpdateResult}, DONE, or FAILED with {@code param.cardNotExist}
 *       (deliver a card first) or DingTalk's refusal.</li>
 * </ul>
 * Both count against the monthly quota; a used-up quota throws {@link DingTalkLimitException} MONTHLY_QUOTA.
 */
public final class DingTalkCardOperations {

    public static final Operation<CardDelivery> CARD_DELIVER = new Operation<>("card-deliver",
            Capability.NOTIFICATION, true, "Body: JSON {\"outTrackId\",\"templateId\"?,\"userId\"|"
            + "\"openConversationId\",\"cardData\":{..},\"privateData\"?:{userId:{..}}} or a CardDelivery. Sends one "
            + "interactive card (createAndDeliver, callbackType HTTP, the registered route key) to a person's robot "
            + "chat or a group; the same outTrackId again creates no second card. Out: body CardResult (one result "
            + "per space); headers HubConnectorOutcome DONE | FAILED (no space reached), HubDocumentNumber = "
            + "outTrackId, HubReason.") {
        @Override
        public CardDelivery request(Object body, Function<String, Object> headers) {
            if (body instanceof CardDelivery d) {
                return d;
            }
            JsonNode n = NotifyOperations.object(body, name());
            return new CardDelivery(n.path("outTrackId").asText(null), n.path("templateId").asText(null),
                    n.path("userId").asText(null), n.path("openConversationId").asText(null),
                    params(n.path("cardData")), privateParams(n.path("privateData")));
        }

        @Override
        public String idempotencyKey(CardDelivery request) {
            return request.outTrackId();
        }

        @Override
        public OperationResult invoke(HubConnector connector, CardDelivery request) {
            CardResult r = NotifyOperations.dingTalk(connector).deliverCard(request);
            return r.delivered()
                    ? new OperationResult(r, OperationResult.Status.DONE, r.outTrackId(), false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, r.outTrackId(), false, r.summary(),
                    r.summary());
        }
    };

    public static final Operation<CardUpdate> CARD_UPDATE = new Operation<>("card-update",
            Capability.NOTIFICATION, true, "Body: JSON {\"key\"?,\"outTrackId\",\"cardData\"?:{..},"
            + "\"privateData\"?:{userId:{..}},\"merge\"?:true} or a CardUpdate. Updates a delivered card (PUT "
            + "card/instances with cardUpdateOptions by key, or replacing the data when merge is false). Out: body "
            + "CardUpdateResult; headers HubConnectorOutcome DONE | FAILED (param.cardNotExist, refused content), "
            + "HubDocumentNumber = outTrackId, HubReason.") {
        @Override
        public CardUpdate request(Object body, Function<String, Object> headers) {
            if (body instanceof CardUpdate u) {
                return u;
            }
            JsonNode n = NotifyOperations.object(body, name());
            return new CardUpdate(n.path("key").asText(null), n.path("outTrackId").asText(null),
                    params(n.path("cardData")), privateParams(n.path("privateData")), n.path("merge").asBoolean(true));
        }

        @Override
        public String idempotencyKey(CardUpdate request) {
            return request.key();
        }

        @Override
        public OperationResult invoke(HubConnector connector, CardUpdate request) {
            CardUpdateResult r = NotifyOperations.dingTalk(connector).updateCard(request);
            return r.status() == CardUpdateResult.Status.UPDATED
                    ? new OperationResult(r, OperationResult.Status.DONE, r.outTrackId(), false, null, r.summary())
                    : new OperationResult(r, OperationResult.Status.FAILED, r.outTrackId(), false,
                    r.code() + " " + r.reason(), r.summary());
        }
    };

    private DingTalkCardOperations() {
    }

    /** A {@code cardParamMap}: strings as they are, other values as their JSON text (DingTalk takes strings only). */
    static Map<String, String> params(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText()
                    : f.getValue().toString()));
        } else if (n != null && !n.isMissingNode() && !n.isNull()) {
            throw new IllegalArgumentException("cardData / privateData must be JSON objects");
        }
        return out;
    }

    static Map<String, Map<String, String>> privateParams(JsonNode n) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(f -> out.put(f.getKey(), params(f.getValue())));
        }
        return out;
    }
}
