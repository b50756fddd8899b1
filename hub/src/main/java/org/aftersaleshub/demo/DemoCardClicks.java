package org.aftersaleshub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The demo engineers' thumbs: finds a ticket's card at the in-process DingTalk or WeCom mock and presses one of its
 * buttons (接单 accept, 到场 arrive, 完成 complete) as the person it was sent to, through the mocks' admin API — the
 * same calls the README's quick start shows with curl. The mock signs and posts the click to the hub's /callbacks,
 * so the demo walks tickets the way staff do.
 */
final class DemoCardClicks {

    /** The mocks' fixed demo ports (application.yaml, hub.connectors.dingtalk-demo / wecom-demo). */
    static final String DINGTALK = "http://127.0.0.1:18084";
    static final String WECOM = "http://127.0.0.1:18085";

    private final HttpClient http;
    private final ObjectMapper mapper;

    DemoCardClicks(HttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    /**
     * Presses {@code action} on the card of ticket {@code ticketNumber} as its recipient.
     *
     * @return true when the mock delivered the click to the hub and the hub took it (its effect follows
     *         asynchronously); false when no card of the ticket is at either mock (e.g. the assignee has no IM id)
     */
    boolean click(String ticketId, String ticketNumber, String action) throws Exception {
        for (Map.Entry<String, JsonNode> card : cards(DINGTALK + "/mock-admin/cards")) {
            JsonNode params = card.getValue().path("cardData").path("cardParamMap");
            if (ticketNumber.equals(params.path("ticketNumber").asText())) {
                String space = card.getValue().path("openSpaceId").asText();
                String userId = space.substring(space.lastIndexOf('.') + 1);
                return accepted(post(DINGTALK + "/mock-admin/cards/" + card.getKey() + "/click",
                        "{\"userId\":\"" + userId + "\",\"action\":\"" + action + "\"}"));
            }
        }
        for (Map.Entry<String, JsonNode> card : cards(WECOM + "/mock-admin/template-cards")) {
            if (card.getValue().toString().contains(ticketNumber)) {
                Iterator<String> recipients = card.getValue().path("recipients").fieldNames();
                if (recipients.hasNext()) {
                    return accepted(post(WECOM + "/mock-admin/template-cards/" + card.getKey() + "/click",
                            "{\"userid\":\"" + recipients.next() + "\",\"key\":\"" + action + ":" + ticketId
                                    + "\"}"));
                }
            }
        }
        return false;
    }

    private static boolean accepted(JsonNode attempt) {
        return attempt != null && !attempt.path("accepted").isMissingNode() ? attempt.path("accepted").asBoolean()
                : attempt != null;
    }

    private Iterable<Map.Entry<String, JsonNode>> cards(String url) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode all = res.statusCode() == 200 ? mapper.readTree(res.body()) : mapper.createObjectNode();
        return all::fields;
    }

    private JsonNode post(String url, String json) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return res.statusCode() == 200 ? mapper.readTree(res.body()) : null;
    }
}
