package org.aftersaleshub.connector.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dingtalk:<instance>?operation=work-notice} in a plain Camel context: the kit's component over this connector. */
class DingTalkComponentTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private DingTalkFixture fixture;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
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
        var def = new DingTalkConnector().configDef();
        return "dingtalk:notify?operation=work-notice&" + fixture.config().entrySet().stream()
                .map(e -> HubConnectorComponent.optionOf(def.key(e.getKey()).orElseThrow()) + "=RAW(" + e.getValue()
                        + ")").collect(Collectors.joining("&"));
    }

    @Test
    void theComponentIsFoundByItsSchemeAndOffersWorkNotices() {
        assertThat(camel.getComponent("dingtalk")).isInstanceOf(DingTalkComponent.class);
        assertThat(new DingTalkConnector().operations()).containsExactly(NotifyOperations.WORK_NOTICE,
                NotifyOperations.ROBOT_SEND, DingTalkCardOperations.CARD_DELIVER, DingTalkCardOperations.CARD_UPDATE);
    }

    @Test
    void aJsonWorkNoticeReturnsTheTaskIdAndTheOutcomePerPerson() {
        String body = """
                {"key":"NT-77","userIds":["ding_user_009","left_the_company"],"type":"markdown",
                 "title":"新工单","content":"### 工单 TK-77\\n请尽快接单"}""";
        Exchange ex = template.request(uri(), e -> e.getMessage().setBody(body));
        assertThat(ex.getException()).isNull();
        WorkNoticeResult r = ex.getMessage().getBody(WorkNoticeResult.class);
        Map<String, Object> h = ex.getMessage().getHeaders();
        assertThat(h.get(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(h.get(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo(String.valueOf(r.taskId()));
        assertThat(r.recipients()).extracting(WorkNoticeResult.Recipient::status)
                .containsExactly(WorkNoticeResult.Status.DELIVERED, WorkNoticeResult.Status.INVALID_USER);
        assertThat(fixture.noticesTo("ding_user_009", "TK-77")).isEqualTo(1);
        assertThat(NotifyOperations.WORK_NOTICE.idempotencyKey(NotifyOperations.parse(body))).isEqualTo("NT-77");
    }

    @Test
    void aNoticeThatReachesNobodyIsFailedWithTheReason() {
        Exchange ex = template.request(uri(), e -> e.getMessage().setBody(
                "{\"key\":\"NT-78\",\"userIds\":[\"ghost\"],\"content\":\"工单 TK-78\"}"));
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.REASON, String.class)).contains("ghost INVALID_USER");
    }
}
