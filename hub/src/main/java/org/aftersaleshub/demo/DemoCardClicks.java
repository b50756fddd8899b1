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
import java.util.Optional;
import org.aftersaleshub.notify.ImInstances;
import org.aftersaleshub.staff.PreferredChannel;
import org.springframework.core.env.Environment;

/**
 * The demo engineers' thumbs: finds a ticket's card at the in-process DingTalk or WeCom mock and presses one of its
 * buttons (接单 accept, 到场 arrive, 完成 complete) as the person it was sent to, through the mocks' admin API — the
 * same calls the README's quick start shows with curl. The mock signs and posts the click to the hub's /callbacks,
 * so the demo walks tickets the way staff do.
 *
 * <p>The mocks are found where the hub sends its notices: the configured {@code base-url} of the DingTalk and WeCom
 * connector instances that notify ({@link MockUrls}), so a demo whose mocks run on other ports (or a test's mocks on
 * free ports) is clicked at the right address.
 */
final class DemoCardClicks {

    /**
     * The two mocks' base URLs.
     *
     * @param dingTalk the DingTalk mock, no trailing slash
     * @param weCom    the WeCom mock, no trailing slash
     */
    record MockUrls(String dingTalk, String weCom) {

        /** The embedded default's fixed demo ports, for a hub that configured no DingTalk / WeCom instance. */
        static final MockUrls DEMO_PORTS = new MockUrls("http://127.0.0.1:18084", "http://127.0.0.1:18085");

        /** The {@code hub.connectors.<instance>.base-url} of the instance notifying on each channel. */
        static MockUrls of(Environment env, ImInstances instances) {
            return new MockUrls(baseUrl(env, instances.forChannel(PreferredChannel.DINGTALK), DEMO_PORTS.dingTalk),
                    baseUrl(env, instances.forChannel(PreferredChannel.WECOM), DEMO_PORTS.weCom));
        }

        private static String baseUrl(Environment env, Optional<String> instance, String fallback) {
            String url = instance.map(i -> env.getProperty("hub.connectors." + i + ".base-url")).orElse(null);
            return (url == null || url.isBlank() ? fallback : url.strip()).replaceAll("/+$", "");
        }
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final MockUrls urls;

    DemoCardClicks(HttpClient http, ObjectMapper mapper, MockUrls urls) {
        this.http = http;
        this.mapper = mapper;
        this.urls = urls;
    }

    /** Where the clicks go now. */
    MockUrls urls() {
        return urls;
    }

    /**
     * Presses {@code action} on the card of ticket {@code ticketNumber} as its recipient.
     *
     * @return true when the mock delivered the click to the hub and the hub took it (its effect follows
     *         asynchronously); false when no card of the ticket is at either mock (e.g. the assignee has no IM id)
     */
    boolean click(String ticketId, String ticketNumber, String action) throws Exception {
        String dingTalk = urls().dingTalk();
        String weCom = urls().weCom();
        for (Map.Entry<String, JsonNode> card : cards(dingTalk + "/mock-admin/cards")) {
            JsonNode params = card.getValue().path("cardData").path("cardParamMap");
            if (ticketNumber.equals(params.path("ticketNumber").asText())) {
                String space = card.getValue().path("openSpaceId").asText();
                String userId = space.substring(space.lastIndexOf('.') + 1);
                return accepted(post(dingTalk + "/mock-admin/cards/" + card.getKey() + "/click",
                        "{\"userId\":\"" + userId + "\",\"action\":\"" + action + "\"}"));
            }
        }
        for (Map.Entry<String, JsonNode> card : cards(weCom + "/mock-admin/template-cards")) {
            if (card.getValue().toString().contains(ticketNumber)) {
                Iterator<String> recipients = card.getValue().path("recipients").fieldNames();
                if (recipients.hasNext()) {
                    return accepted(post(weCom + "/mock-admin/template-cards/" + card.getKey() + "/click",
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
