package org.aftersaleshub.connector.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
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
 * {@code wecom:<instance>?operation=app-message} in a plain Camel context against the mock: per-recipient partial
 * failures reported while the others receive once, 81013 a final failure, bad bodies refused before any call
 * (docs/vendor-apis/wecom.md §3.3).
 */
class WeComAppMessageTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    private WeComMock mock;
    private CamelContext camel;

    @BeforeEach
    void start() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        ConnectorInstances started = camel.getRegistry().findSingleByType(ConnectorInstances.class);
        if (started != null) {
            started.stopAll();
        }
        camel.stop();
    }

    private String uri() {
        StringBuilder s = new StringBuilder("wecom:notices?operation=app-message");
        WeComFixture.keys(mock).forEach((k, v) -> s.append('&').append(HubConnectorComponent.optionOf(
                WeComConfig.CONFIG_DEF.key(k).orElseThrow())).append("=RAW(").append(v).append(')'));
        return s.toString();
    }

    private Exchange send(String json) {
        return camel.createProducerTemplate().request(uri(), ex -> ex.getMessage().setBody(json));
    }

    @Test
    void theComponentIsFoundByItsSchemeAndOffersAppMessage() {
        assertThat(camel.getComponent("wecom")).isInstanceOf(WeComComponent.class);
        assertThat(new WeComConnector().operations()).contains(WeComOperations.APP_MESSAGE);
    }

    @Test
    void oneInvalidUserIsReportedWhileTheOthersReceiveOnce() {
        Exchange ex = send("{\"key\":\"notice-1\",\"users\":[\"WeComUser001\",\"Ghost.User\",\"WeComUser002\"],"
                + "\"parties\":[\"2\",\"99\"],\"msgtype\":\"text\",\"content\":\"工单 TK-1 已派给您\"}");

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        AppMessageResult r = ex.getMessage().getBody(AppMessageResult.class);
        assertThat(r.partial()).isTrue();
        // lower-cased by WeCom, docs/vendor-apis/wecom.md §3.3
        assertThat(r.invalidUsers()).containsExactly("ghost.user");
        assertThat(r.invalidParties()).containsExactly("99");
        assertThat(r.summary()).contains("invaliduser ghost.user").contains("invalidparty 99");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo(r.msgId()).isNotNull();
        assertThat(WeComFixture.delivered(mock, "WeComUser001", "TK-1")).isEqualTo(1);
        assertThat(WeComFixture.delivered(mock, "WeComUser002", "TK-1")).isEqualTo(1);
    }

    @Test
    void unlicensedMembersAreReportedToo() {
        WeComFixture.admin(mock, "seed", "{\"wecom\":{\"unlicensedUsers\":[\"WeComUser003\"]}}");
        Exchange ex = send("{\"users\":[\"WeComUser001\",\"WeComUser003\"],\"msgtype\":\"markdown\","
                + "\"content\":\"**SLA 预警** TK-2\"}");
        AppMessageResult r = ex.getMessage().getBody(AppMessageResult.class);
        assertThat(r.unlicensedUsers()).containsExactly("wecomuser003");
        assertThat(r.key()).startsWith("wecom-msg-");
        assertThat(WeComFixture.delivered(mock, "WeComUser001", "TK-2")).isEqualTo(1);
    }

    @Test
    void allRecipientsInvalidIsAFinalFailure81013() {
        Exchange ex = send("{\"key\":\"notice-2\",\"users\":[\"ghost1\",\"ghost2\"],\"msgtype\":\"text\","
                + "\"content\":\"无人接收\"}");

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.REASON, String.class)).contains("81013");
        AppMessageResult r = ex.getMessage().getBody(AppMessageResult.class);
        assertThat(r.status()).isEqualTo(AppMessageResult.Status.REJECTED);
        assertThat(r.errcode()).isEqualTo(81013);
    }

    @Test
    void theSameMessageSentTwiceReachesEachMemberOnce() {
        String body = "{\"key\":\"notice-3\",\"users\":[\"WeComUser001\"],\"msgtype\":\"text\",\"content\":\"TK-3\"}";
        send(body);
        Exchange again = send(body);
        assertThat(again.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(WeComFixture.delivered(mock, "WeComUser001", "TK-3")).isEqualTo(1);
    }

    @Test
    void aBodyWithoutRecipientsOrContentIsRefusedBeforeAnyCall() {
        assertThat(send("{\"msgtype\":\"text\",\"content\":\"x\"}").getException())
                .hasMessageContaining("users, parties or tags");
        long before = mock.requests().total();
        for (String bad : List.of("{\"msgtype\":\"text\",\"content\":\"x\"}",
                "{\"users\":[\"WeComUser001\"],\"msgtype\":\"text\"}",
                "{\"users\":[\"@all\"],\"msgtype\":\"text\",\"content\":\"x\"}",
                "{\"users\":[\"WeComUser001\"],\"msgtype\":\"news\",\"content\":\"x\"}", "not json")) {
            Exchange ex = send(bad);
            // the endpoint turns the request's IllegalArgumentException into a final, not-retryable failure
            assertThat(ex.getException()).as(bad).isInstanceOf(ConnectorException.class)
                    .matches(e -> !((ConnectorException) e).isRetryable());
        }
        assertThat(mock.requests().total()).isEqualTo(before);
    }

    @Test
    void aWrongAgentIdIsNotRetryable() {
        Map<String, String> keys = new java.util.LinkedHashMap<>(WeComFixture.keys(mock));
        keys.put("wecom.agent-id", "1000099");
        WeComConnector c = new WeComConnector();
        c.start(keys);
        try {
            assertThatThrownBy(() -> c.sendAppMessage(AppMessage.text("k", List.of("WeComUser001"), "x")))
                    .isInstanceOf(ConnectorException.class).hasMessageContaining("40056")
                    .matches(e -> !((ConnectorException) e).isRetryable());
        } finally {
            c.stop();
        }
    }
}
