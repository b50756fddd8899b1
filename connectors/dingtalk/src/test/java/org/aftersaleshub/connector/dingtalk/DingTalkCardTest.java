package org.aftersaleshub.connector.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code card-deliver} and {@code card-update} against the mock (docs/vendor-apis/dingtalk.md §7, §13.2, §13.3): the
 * callback route registered at start, cards to a person and to a group with the route key, one card per
 * outTrackId, updates by key, and a click from the mock reaching a stand-in hub with the registered signature.
 */
class DingTalkCardTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    static final String API_SECRET = "canary-dt-card-apisecret-93c2";
    static final ObjectMapper JSON = new ObjectMapper();

    private DingTalkFixture fixture;
    private CamelContext camel;
    private HttpServer hub;
    private final List<Map<String, String>> clicks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/callbacks/dingtalk", ex -> {
            clicks.add(Map.of("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "timestamp", String.valueOf(ex.getRequestHeaders().getFirst("x-ddpaas-signature-timestamp")),
                    "signature", String.valueOf(ex.getRequestHeaders().getFirst("x-ddpaas-signature"))));
            byte[] reply = ("{\"cardData\":{\"cardParamMap\":{\"status\":\"已接单\"}},"
                    + "\"cardUpdateOptions\":{\"updateCardDataByKey\":true}}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        hub.start();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("connectorInstances", new ConnectorInstances());
        camel.start();
    }

    @AfterEach
    void stop() {
        ConnectorInstances started = camel.getRegistry().findSingleByType(ConnectorInstances.class);
        if (started != null) {
            started.stopAll();
        }
        camel.stop();
        hub.stop(0);
    }

    private Map<String, String> config() {
        Map<String, String> c = fixture.config();
        c.put("dingtalk.callback-url", "http://127.0.0.1:" + hub.getAddress().getPort() + "/callbacks/dingtalk");
        c.put("dingtalk.api-secret", API_SECRET);
        c.put("dingtalk.card-template-id", "tpl.aftersales.assign");
        c.put("dingtalk.callback-route-key", "hub-test");
        return c;
    }

    /** Sends to {@code dingtalk:cards}, the instance started with {@code config} on first use in a test. */
    private Exchange send(String operation, Map<String, String> config, String body) {
        ConnectorInstances instances = camel.getRegistry().findSingleByType(ConnectorInstances.class);
        if (instances.get("cards").isEmpty()) {
            DingTalkConnector c = new DingTalkConnector();
            c.start(config);
            instances.register("cards", c);
        }
        return camel.createProducerTemplate().request("dingtalk:cards?operation=" + operation,
                e -> e.getMessage().setBody(body));
    }

    private JsonNode card(String outTrackId) {
        return JSON.valueToTree(fixture.mock().card(outTrackId));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> route(String key) {
        return ((Map<String, Map<String, Object>>) fixture.mock().state().get("cardCallbackRoutes")).get(key);
    }

    static final String TO_ENGINEER = "{\"outTrackId\":\"tkt-T-000123-ding_user_001\",\"userId\":\"ding_user_001\","
            + "\"cardData\":{\"title\":\"新工单 T-000123\",\"status\":\"待接单\",\"priority\":2}}";

    @Test
    void theRouteIsRegisteredAtStartWithTheApiSecret() {
        DingTalkConnector c = new DingTalkConnector();
        c.start(config());
        try {
            await().atMost(Duration.ofSeconds(10)).until(c::cardRouteRegistered);
            assertThat(route("hub-test")).containsEntry("callbackUrl", config().get("dingtalk.callback-url"))
                    .containsEntry("apiSecret", API_SECRET);
            assertThat(c.quota().used()).as("the registration is a counted call").isEqualTo(1);
        } finally {
            c.stop();
        }
    }

    @Test
    void aCardToAnEngineerGoesToTheirRobotChatWithTheHttpRoute() {
        Exchange ex = send("card-deliver", config(), TO_ENGINEER);

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo("tkt-T-000123-ding_user_001");
        CardResult r = ex.getMessage().getBody(CardResult.class);
        assertThat(r.spaces()).singleElement().satisfies(s -> {
            assertThat(s.spaceType()).isEqualTo("IM_ROBOT");
            assertThat(s.spaceId()).isEqualTo("ding_user_001");
            assertThat(s.success()).isTrue();
        });
        JsonNode card = card("tkt-T-000123-ding_user_001");
        assertThat(card.get("callbackType").asText()).isEqualTo("HTTP");
        assertThat(card.get("callbackRouteKey").asText()).isEqualTo("hub-test");
        assertThat(card.get("cardTemplateId").asText()).isEqualTo("tpl.aftersales.assign");
        assertThat(card.get("openSpaceId").asText()).isEqualTo("dtv1.card//IM_ROBOT.ding_user_001");
        assertThat(card.at("/cardData/cardParamMap/priority").asText()).as("strings only").isEqualTo("2");
        assertThat(route("hub-test")).isNotNull();
    }

    @Test
    void aCardToAGroupUsesTheAppsRobotCode() {
        Exchange ex = send("card-deliver", config(), "{\"outTrackId\":\"tkt-T-5-cidTeamEast\","
                + "\"openConversationId\":\"cidTeamEast\",\"cardData\":{\"title\":\"新工单 T-5\"}}");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(card("tkt-T-5-cidTeamEast").get("openSpaceId").asText())
                .isEqualTo("dtv1.card//IM_GROUP.cidTeamEast");
        assertThat(card("tkt-T-5-cidTeamEast").at("/deliverResults/0/spaceType").asText()).isEqualTo("IM_GROUP");
    }

    @Test
    void aRedeliveryWithTheSameOutTrackIdMakesNoSecondCard() {
        send("card-deliver", config(), TO_ENGINEER);
        Exchange again = send("card-deliver", config(), TO_ENGINEER.replace("待接单", "又一次"));

        assertThat(again.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        JsonNode card = card("tkt-T-000123-ding_user_001");
        assertThat(card.get("repeatedDeliveries").asInt()).isEqualTo(1);
        assertThat(card.at("/cardData/cardParamMap/status").asText()).isEqualTo("待接单");
        assertThat(fixture.mock().state().get("cards").toString()).containsOnlyOnce("outTrackId=");
    }

    @Test
    void aCardNoSpaceTookIsFailedWithTheReason() {
        Exchange ex = send("card-deliver", config(), "{\"outTrackId\":\"tkt-T-6-ghost\",\"userId\":\"ghost\","
                + "\"cardData\":{\"title\":\"x\"}}");
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.REASON, String.class)).contains("user not found");
    }

    @Test
    void withoutACallbackUrlNoCardIsSent() {
        Map<String, String> c = fixture.config();
        c.put("dingtalk.card-template-id", "tpl");
        long before = fixture.mock().requests().total();
        Exchange ex = send("card-deliver", c, TO_ENGINEER);
        assertThat(ex.getException()).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("dingtalk.callback-url is not set")
                .matches(e -> !((ConnectorException) e).isRetryable());
        assertThat(fixture.mock().requests().total()).isEqualTo(before);
    }

    @Test
    void anUpdateMergesByKeyAndAMissingCardIsFailed() {
        send("card-deliver", config(), TO_ENGINEER);
        Exchange ex = send("card-update", config(), "{\"outTrackId\":\"tkt-T-000123-ding_user_001\","
                + "\"cardData\":{\"status\":\"已由 王强 接单\",\"actions\":\"arrive,complete\"},"
                + "\"privateData\":{\"ding_user_001\":{\"canAccept\":\"false\"}}}");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        JsonNode card = card("tkt-T-000123-ding_user_001");
        assertThat(card.get("updateCount").asInt()).isEqualTo(1);
        assertThat(card.at("/cardData/cardParamMap/title").asText()).isEqualTo("新工单 T-000123");
        assertThat(card.at("/cardData/cardParamMap/status").asText()).isEqualTo("已由 王强 接单");
        assertThat(card.at("/privateData/ding_user_001/cardParamMap/canAccept").asText()).isEqualTo("false");

        Exchange missing = send("card-update", config(), "{\"outTrackId\":\"tkt-none\",\"cardData\":{\"a\":\"b\"}}");
        assertThat(missing.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        assertThat(missing.getMessage().getBody(CardUpdateResult.class).status())
                .isEqualTo(CardUpdateResult.Status.CARD_NOT_FOUND);
        assertThat(missing.getMessage().getHeader(ConnectorHeaders.REASON, String.class))
                .startsWith("param.cardNotExist");
    }

    @Test
    void aClickReachesTheRegisteredUrlSignedWithTheApiSecret() throws Exception {
        send("card-deliver", config(), TO_ENGINEER);
        Map<String, Object> click = fixture.mock().clickCard("tkt-T-000123-ding_user_001", "ding_user_001",
                JSON.readTree("{\"action\":\"accept\"}"), List.of("1"), "valid", null, null);

        assertThat(click.get("accepted")).isEqualTo(true);
        assertThat(clicks).singleElement().satisfies(c -> {
            assertThat(c.get("signature")).isEqualTo(hmac(API_SECRET, c.get("timestamp")));
            assertThat(c.get("body")).contains("\"outTrackId\":\"tkt-T-000123-ding_user_001\"");
        });
        JsonNode card = card("tkt-T-000123-ding_user_001");
        assertThat(card.get("updateCount").asInt()).isEqualTo(1);
        assertThat(card.at("/cardData/cardParamMap/status").asText()).isEqualTo("已接单");
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCall() {
        long before = fixture.mock().requests().total();
        for (String bad : List.of("{\"outTrackId\":\"has space\",\"userId\":\"u\"}",
                "{\"outTrackId\":\"t1\"}",
                "{\"outTrackId\":\"t1\",\"userId\":\"u\",\"openConversationId\":\"c\"}",
                "{\"outTrackId\":\"t1\",\"userId\":\"u\",\"cardData\":{\"v\":\"" + "长".repeat(400) + "\"}}")) {
            Exchange ex = send("card-deliver", fixture.config(), bad);
            assertThat(ex.getException()).as(bad).isInstanceOf(ConnectorException.class)
                    .matches(e -> !((ConnectorException) e).isRetryable());
        }
        assertThatThrownBy(() -> new CardUpdate(null, "t1", Map.of(), Map.of(), true))
                .hasMessageContaining("an update changes something");
        assertThat(fixture.mock().requests().total()).isEqualTo(before);
        assertThat(CardDelivery.outTrackId("T-000123", "ding_user_001")).isEqualTo("tkt-T-000123-ding_user_001");
        assertThat(CardDelivery.outTrackId("T/1", "张三")).matches(CardDelivery.OUT_TRACK_ID.pattern())
                .isNotEqualTo(CardDelivery.outTrackId("T/1", "李四"));
    }

    static String hmac(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
