package org.aftersaleshub.connector.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interactive template cards against the mock (docs/vendor-apis/wecom.md §3.2, §3.4, §10.1, §10.2): a
 * {@code button_interaction} card with keys carrying action and ticket, and {@code card-update} with the single-use
 * response code — from a click or from the send — once, or the advice to send a new card.
 */
class WeComTemplateCardTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CARD = "{\"key\":\"assign-T-000123\",\"users\":[\"WeComUser001\",\"WeComUser002\"],"
            + "\"msgtype\":\"template_card\",\"card\":{\"taskId\":\"tkt-T-000123-1\",\"title\":\"新工单 T-000123\","
            + "\"description\":\"空调不制冷\",\"fields\":[{\"key\":\"客户\",\"value\":\"华东冷链\"}],"
            + "\"url\":\"https://hub.example.com/t/T-000123\","
            + "\"buttons\":[{\"text\":\"接单\",\"key\":\"accept:T-000123\",\"style\":1}]}}";

    private WeComMock mock;
    private CamelContext camel;

    @BeforeEach
    void start() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
        // clicks go nowhere here: the event's delivery is not under test, its response code is
        WeComFixture.admin(mock, "config", "{\"callback\":{\"url\":\"http://127.0.0.1:9/none\",\"retryDelaysMs\":[]}}");
        camel = new DefaultCamelContext();
        ConnectorInstances instances = new ConnectorInstances();
        camel.getRegistry().bind("connectorInstances", instances);
        camel.start();
        WeComConnector c = new WeComConnector();
        c.start(WeComFixture.keys(mock));
        instances.register("wecom-test", c);
    }

    @AfterEach
    void stop() {
        camel.getRegistry().findSingleByType(ConnectorInstances.class).stopAll();
        camel.stop();
    }

    private Exchange send(String operation, String body) {
        return camel.createProducerTemplate().request("wecom:wecom-test?operation=" + operation,
                e -> e.getMessage().setBody(body));
    }

    private JsonNode card(String taskId) {
        return JSON.valueToTree(mock.templateCard(taskId));
    }

    @Test
    void aButtonCardCarriesItsTaskIdAndKeysAndReturnsAResponseCode() {
        Exchange ex = send("app-message", CARD);

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        AppMessageResult r = ex.getMessage().getBody(AppMessageResult.class);
        assertThat(r.responseCode()).isNotBlank();
        JsonNode card = card("tkt-T-000123-1");
        assertThat(card.get("recipients").fieldNames()).toIterable().containsExactly("wecomuser001", "wecomuser002");
        JsonNode shown = card.at("/recipients/wecomuser001/card");
        assertThat(shown.get("card_type").asText()).isEqualTo("button_interaction");
        assertThat(shown.at("/button_list/0/key").asText()).isEqualTo("accept:T-000123");
        assertThat(shown.at("/main_title/title").asText()).isEqualTo("新工单 T-000123");
        assertThat(shown.at("/horizontal_content_list/0/keyname").asText()).isEqualTo("客户");
        assertThat(shown.at("/card_action/url").asText()).isEqualTo("https://hub.example.com/t/T-000123");
        assertThat(TemplateCard.taskId("T-000123", 1)).isEqualTo("tkt-T-000123-1");
        assertThat(TemplateCard.buttonKey("accept", "T-000123")).isEqualTo("accept:T-000123");
    }

    @Test
    void aButtonWithAUrlOpensItInsteadOfCallingBack() {
        Exchange ex = send("app-message", CARD.replace("\"style\":1}]", "\"style\":1},{\"text\":\"申请备件\","
                + "\"key\":\"parts:T-000123\",\"style\":3,\"url\":\"https://hub.example.com/field/abc#parts\"}]"));

        assertThat(ex.getException()).isNull();
        JsonNode shown = card("tkt-T-000123-1").at("/recipients/wecomuser001/card");
        assertThat(shown.at("/button_list/0/type").isMissingNode()).isTrue();
        assertThat(shown.at("/button_list/1/type").asInt()).isEqualTo(1);
        assertThat(shown.at("/button_list/1/url").asText()).isEqualTo("https://hub.example.com/field/abc#parts");
        assertThat(shown.at("/button_list/1/key").asText()).isEqualTo("parts:T-000123");

        long before = mock.requests().total();
        Exchange bad = send("app-message", CARD.replace("\"style\":1}]", "\"style\":1,\"url\":\"javascript:x\"}]"));
        assertThat(bad.getException()).isInstanceOf(ConnectorException.class);
        assertThat(mock.requests().total()).isEqualTo(before);
    }

    @Test
    void theClicksCodeReplacesTheButtonsOnceThenTheAdviceIsANewCard() {
        send("app-message", CARD);
        Map<String, Object> click = mock.clickCard("tkt-T-000123-1", "WeComUser001", "accept:T-000123", false);
        String code = (String) click.get("responseCode");

        String update = "{\"key\":\"accepted-T-000123\",\"responseCode\":\"" + code + "\","
                + "\"users\":[\"WeComUser001\",\"WeComUser002\"],\"replaceName\":\"已由 王强 接单\"}";
        Exchange first = send("card-update", update);
        assertThat(first.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        JsonNode card = card("tkt-T-000123-1");
        assertThat(card.get("updateCount").asInt()).isEqualTo(1);
        assertThat(card.at("/recipients/wecomuser002/replaceName").asText()).isEqualTo("已由 王强 接单");

        Exchange again = send("card-update", update);
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        TemplateCardUpdateResult r = again.getMessage().getBody(TemplateCardUpdateResult.class);
        assertThat(r.status()).isEqualTo(TemplateCardUpdateResult.Status.REJECTED);
        assertThat(r.sendNewCard()).isTrue();
        assertThat(r.reason()).contains("send a new card");
        assertThat(card("tkt-T-000123-1").get("updateCount").asInt()).isEqualTo(1);
    }

    @Test
    void theSendsCodeReplacesTheWholeCardForEveryone() {
        String code = send("app-message", CARD).getMessage().getBody(AppMessageResult.class).responseCode();
        Exchange ex = send("card-update", "{\"responseCode\":\"" + code + "\",\"atAll\":true,\"card\":{"
                + "\"taskId\":\"tkt-T-000123-1\",\"title\":\"工单 T-000123 已接单\",\"buttons\":["
                + "{\"text\":\"到场\",\"key\":\"arrive:T-000123\"},{\"text\":\"完成\",\"key\":\"complete:T-000123\"}]}}");

        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        JsonNode card = card("tkt-T-000123-1");
        for (String u : List.of("wecomuser001", "wecomuser002")) {
            assertThat(card.at("/recipients/" + u + "/card/button_list/1/key").asText())
                    .isEqualTo("complete:T-000123");
        }
        assertThat(mock.clickCard("tkt-T-000123-1", "WeComUser002", "arrive:T-000123", false).get("responseCode"))
                .isNotNull();
    }

    @Test
    void withoutAResponseCodeNothingIsCalledAndTheAdviceIsANewCard() {
        long before = mock.requests().total();
        Exchange ex = send("card-update", "{\"users\":[\"WeComUser001\"],\"replaceName\":\"已接单\"}");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        TemplateCardUpdateResult r = ex.getMessage().getBody(TemplateCardUpdateResult.class);
        assertThat(r.status()).isEqualTo(TemplateCardUpdateResult.Status.NEEDS_NEW_CARD);
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.REASON, String.class)).contains("send a new card");
        assertThat(mock.requests().total()).isEqualTo(before);
    }

    @Test
    void membersWhoNeverGotTheCardAreReported() {
        String code = send("app-message", CARD).getMessage().getBody(AppMessageResult.class).responseCode();
        Exchange ex = send("card-update", "{\"responseCode\":\"" + code + "\",\"users\":[\"WeComUser001\","
                + "\"WeComUser009\"],\"replaceName\":\"已接单\"}");
        assertThat(ex.getMessage().getBody(TemplateCardUpdateResult.class).invalidUsers())
                .containsExactly("wecomuser009");
    }

    @Test
    void cardsWeComWouldRefuseAreRefusedBeforeAnyCall() {
        long before = mock.requests().total();
        for (String bad : List.of(
                CARD.replace("tkt-T-000123-1", "tkt T-000123#1"),
                CARD.replace("[{\"text\":\"接单\",\"key\":\"accept:T-000123\",\"style\":1}]", "[]"),
                CARD.replace("{\"text\":\"接单\",\"key\":\"accept:T-000123\",\"style\":1}",
                        "{\"text\":\"接单\",\"key\":\"k\"},{\"text\":\"拒绝\",\"key\":\"k\"}"),
                CARD.replace("\"card\":{", "\"nocard\":{"))) {
            Exchange ex = send("app-message", bad);
            assertThat(ex.getException()).as(bad).isInstanceOf(ConnectorException.class)
                    .matches(e -> !((ConnectorException) e).isRetryable());
        }
        assertThat(mock.requests().total()).isEqualTo(before);
    }
}
