package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkClient;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkClient.DingTalkApiException;
import org.aftersaleshub.connector.http.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive cards over plain HTTP (docs/vendor-apis/dingtalk.md §7, §13.2, §13.3): the callback route registered
 * once per start ({@code card/callbacks/register}, {@code forceUpdate} so a changed URL takes effect), cards
 * delivered with {@code callbackType: HTTP} and that route key ({@code createAndDeliver}), and updated by key
 * ({@code PUT card/instances}). Both calls are safe to repeat: a used {@code outTrackId} changes nothing, an update by
 * key sets the same values again.
 */
final class DingTalkCardSender {

    /** The instance's card settings; {@code callbackUrl} null = cards cannot be sent (clicks would never arrive). */
    record Settings(String templateId, String callbackUrl, String routeKey, String apiSecret, String robotCode) {
        @Override
        public String toString() {
            return "cards via route " + routeKey + " to " + callbackUrl; // never the apiSecret
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DingTalkCardSender.class);

    private final DingTalkClient client;
    private final Settings settings;
    private final Object registering = new Object();
    private volatile boolean registered;

    DingTalkCardSender(DingTalkClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    boolean routeRegistered() {
        return registered;
    }

    /** Registers the route from a daemon thread, so that a start never waits for DingTalk; failures are logged. */
    void registerInBackground() {
        if (settings.callbackUrl() == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                registerRoute();
            } catch (RuntimeException e) {
                // the first card tries again; the message is masked by the client
                LOG.warn("dingtalk card callback route {} not registered yet: {}", settings.routeKey(),
                        e.getMessage());
            }
        }, "dingtalk-card-route");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Registers the callback route once (docs/vendor-apis/dingtalk.md §7.1): {@code callbackRouteKey} →
     * {@code callbackUrl}, with the {@code apiSecret} DingTalk then signs clicks with.
     */
    void registerRoute() {
        if (registered) {
            return;
        }
        synchronized (registering) {
            if (registered) {
                return;
            }
            ObjectNode body = client.object().put("callbackRouteKey", settings.routeKey())
                    .put("callbackUrl", settings.callbackUrl()).put("forceUpdate", true);
            if (settings.apiSecret() != null && !settings.apiSecret().isBlank()) {
                body.put("apiSecret", settings.apiSecret());
            }
            JsonNode answer = client.api("POST", "/v1.0/card/callbacks/register", body, true);
            if (!answer.path("success").asBoolean(true)) {
                throw new ConnectorException(DingTalkConnector.NAME, Outcome.RETRYABLE, "card/callbacks/register: "
                        + "DingTalk answered success=false");
            }
            registered = true;
            LOG.info("dingtalk card callback route {} registered", settings.routeKey());
        }
    }

    CardResult deliver(CardDelivery d) {
        if (settings.callbackUrl() == null) {
            throw new ConnectorException(DingTalkConnector.NAME, Outcome.NOT_RETRYABLE, "card " + d.outTrackId()
                    + ": " + DingTalkConnectorConfig.CALLBACK_URL.name() + " is not set, so clicks on the card would "
                    + "never reach the hub (docs/vendor-apis/dingtalk.md §7.5); set it to the hub's card callback URL");
        }
        String template = d.templateId() != null && !d.templateId().isBlank() ? d.templateId()
                : settings.templateId();
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("templateId: give the card template, or set "
                    + DingTalkConnectorConfig.CARD_TEMPLATE_ID.name());
        }
        registerRoute();
        ObjectNode b = client.object().put("cardTemplateId", template).put("outTrackId", d.outTrackId())
                .put("callbackType", "HTTP").put("callbackRouteKey", settings.routeKey()).put("userIdType", 1);
        b.putObject("cardData").set("cardParamMap", params(d.cardData()));
        if (!d.privateData().isEmpty()) {
            ObjectNode priv = b.putObject("privateData");
            d.privateData().forEach((u, m) -> priv.putObject(u).set("cardParamMap", params(m)));
        }
        if (d.toPerson()) {
            b.put("openSpaceId", "dtv1.card//IM_ROBOT." + d.userId());
            b.putObject("imRobotOpenSpaceModel").put("supportForward", false);
            b.putObject("imRobotOpenDeliverModel").put("spaceType", "IM_ROBOT");
        } else {
            b.put("openSpaceId", "dtv1.card//IM_GROUP." + d.openConversationId());
            b.putObject("imGroupOpenSpaceModel").put("supportForward", false);
            b.putObject("imGroupOpenDeliverModel").put("robotCode", settings.robotCode());
        }
        JsonNode answer;
        try {
            answer = client.api("POST", "/v1.0/card/instances/createAndDeliver", b, true);
        } catch (DingTalkApiException e) {
            if (e.code().startsWith("Forbidden")) {
                throw e; // IP allow-list, permissions: the configuration, not the card
            }
            return new CardResult(d.outTrackId(), List.of(new CardResult.Space(d.toPerson() ? "IM_ROBOT" : "IM_GROUP",
                    d.toPerson() ? d.userId() : d.openConversationId(), false, null, e.code() + " "
                    + e.getMessage())));
        }
        List<CardResult.Space> spaces = new ArrayList<>();
        answer.path("result").path("deliverResults").forEach(r -> spaces.add(new CardResult.Space(
                r.path("spaceType").asText(null), r.path("spaceId").asText(null), r.path("success").asBoolean(false),
                r.path("carrierId").asText(null), r.path("errorMsg").asText(null))));
        if (spaces.isEmpty()) {
            spaces.add(new CardResult.Space(d.toPerson() ? "IM_ROBOT" : "IM_GROUP", d.toPerson() ? d.userId()
                    : d.openConversationId(), answer.path("success").asBoolean(false), null,
                    answer.path("success").asBoolean(false) ? null : "no deliverResults in the answer"));
        }
        return new CardResult(d.outTrackId(), spaces);
    }

    CardUpdateResult update(CardUpdate u) {
        ObjectNode b = client.object().put("outTrackId", u.outTrackId()).put("userIdType", 1);
        if (!u.cardData().isEmpty()) {
            b.putObject("cardData").set("cardParamMap", params(u.cardData()));
        }
        if (!u.privateData().isEmpty()) {
            ObjectNode priv = b.putObject("privateData");
            u.privateData().forEach((user, m) -> priv.putObject(user).set("cardParamMap", params(m)));
        }
        // without the by-key options DingTalk overwrites the data (docs/vendor-apis/dingtalk.md §7.4)
        b.putObject("cardUpdateOptions").put("updateCardDataByKey", u.merge())
                .put("updatePrivateDataByKey", u.merge());
        try {
            client.api("PUT", "/v1.0/card/instances", b, true);
            return new CardUpdateResult(u.outTrackId(), CardUpdateResult.Status.UPDATED, null, null);
        } catch (DingTalkApiException e) {
            if (e.code().startsWith("Forbidden")) {
                throw e;
            }
            return new CardUpdateResult(u.outTrackId(), e.code().equals("param.cardNotExist")
                    ? CardUpdateResult.Status.CARD_NOT_FOUND : CardUpdateResult.Status.REFUSED, e.code(),
                    e.getMessage());
        }
    }

    private ObjectNode params(Map<String, String> m) {
        ObjectNode n = client.object();
        m.forEach(n::put);
        return n;
    }
}
