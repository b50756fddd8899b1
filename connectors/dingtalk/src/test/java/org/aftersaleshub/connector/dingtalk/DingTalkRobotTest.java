package org.aftersaleshub.connector.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
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
 * {@code dingtalk:<instance>?operation=robot-send} against the mock (docs/vendor-apis/dingtalk.md §5, §13.1): the
 * sign's known answers, signed messages the mock verifies, one delivery per key, the connector's own budget keeping a
 * robot below DingTalk's limit, and DingTalk's throttle respected.
 */
class DingTalkRobotTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private DingTalkFixture fixture;
    private CamelContext camel;

    @BeforeEach
    void start() {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
        fixture.addCanaryRobot();
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

    private String uri(Map<String, String> config) {
        var def = DingTalkConnectorConfig.CONFIG_DEF;
        return "dingtalk:robots?operation=robot-send&" + config.entrySet().stream()
                .map(e -> HubConnectorComponent.optionOf(def.key(e.getKey()).orElseThrow()) + "=RAW(" + e.getValue()
                        + ")").collect(Collectors.joining("&"));
    }

    private Exchange send(Map<String, String> config, String body) {
        return camel.createProducerTemplate().request(uri(config), e -> e.getMessage().setBody(body));
    }

    @Test
    void theSignMatchesTheKnownAnswers() {
        // docs/vendor-apis/dingtalk.md §10.1
        assertThat(DingTalkRobotSender.sign("this is secret", 1_700_000_000_000L))
                .isEqualTo("sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=");
        String sign = DingTalkRobotSender.sign(
                "SECabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", 1_700_000_000_000L);
        assertThat(sign).isEqualTo("vhBGaGavXlMR4DYQRDic2x06OkWb8Jm1aplEbHlcUa0=");
        assertThat(Urls.encode(sign)).isEqualTo("vhBGaGavXlMR4DYQRDic2x06OkWb8Jm1aplEbHlcUa0%3D");
    }

    @Test
    void aSignedMarkdownMessageIsDeliveredOncePerKey() {
        String body = "{\"key\":\"sla-T-9\",\"robot\":\"warehouse-east\",\"msgtype\":\"markdown\",\"title\":\"SLA 超时\","
                + "\"content\":\"### 工单 T-9 已超时\",\"atUserIds\":[\"ding_user_003\"]}";
        Exchange ex = send(fixture.config(), body);

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        RobotResult r = ex.getMessage().getBody(RobotResult.class);
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo(r.msgUuid());
        Exchange again = send(fixture.config(), body);
        assertThat(again.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");

        List<String> got = fixture.robotMessages(DingTalkFixture.CANARY_ROBOT_TOKEN);
        assertThat(got).as("the mock checked the sign; msgUuid made the second send a no-op").singleElement()
                .satisfies(m -> assertThat(m).contains("工单 T-9 已超时", "ding_user_003", r.msgUuid()));
    }

    @Test
    void theHeaderNamesTheRobotAndAnActionCardCarriesItsButtons() {
        Exchange ex = camel.createProducerTemplate().request(uri(fixture.config()), e -> {
            e.getMessage().setHeader(NotifyOperations.ROBOT_HEADER, "warehouse-east");
            e.getMessage().setBody("{\"msgtype\":\"actionCard\",\"title\":\"低库存\",\"content\":\"SP-FAN-004 低于安全库存\","
                    + "\"buttons\":[{\"title\":\"查看\",\"url\":\"https://hub.example.com/p/SP-FAN-004\"}]}");
        });
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(fixture.robotMessages(DingTalkFixture.CANARY_ROBOT_TOKEN)).singleElement()
                .satisfies(m -> assertThat(m).contains("singleURL=https://hub.example.com/p/SP-FAN-004"));
    }

    @Test
    void aWrongSecretOrAnUnknownRobotIsNotRetryable() {
        Map<String, String> c = fixture.config();
        c.put("dingtalk.robot-secrets", "warehouse-east=SECnot-the-secret-of-this-robot");
        Exchange wrong = send(c, "{\"robot\":\"warehouse-east\",\"content\":\"x\"}");
        assertThat(wrong.getException()).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("310000").hasMessageContaining("sign not match")
                .hasMessageNotContaining("SECnot-the-secret-of-this-robot")
                .matches(e -> ((ConnectorException) e).outcome() == Outcome.NOT_RETRYABLE);
        camel.getRegistry().findSingleByType(ConnectorInstances.class).stopAll();

        Exchange unknown = send(fixture.config(), "{\"robot\":\"nobody\",\"content\":\"x\"}");
        assertThat(unknown.getException()).hasMessageContaining("'nobody' is not one of the robots");
        assertThat(fixture.robotMessages(DingTalkFixture.CANARY_ROBOT_TOKEN)).isEmpty();
    }

    @Test
    void aBurstGetsOnePermitPerSpacingAndTheRobotNeverMeetsDingTalksLimit() throws Exception {
        Map<String, String> c = fixture.config();
        c.put("dingtalk.send-budget-wait-ms", "0");
        DingTalkConnector connector = new DingTalkConnector();
        connector.start(c);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RobotResult>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RobotMessage m = new RobotMessage("burst-" + i, "warehouse-east", RobotMessage.Type.TEXT, null,
                        "告警 " + i, null, null, false, null);
                sends.add(pool.submit(() -> connector.sendRobotMessage(m)));
            }
            int delivered = 0;
            int refused = 0;
            for (Future<RobotResult> f : sends) {
                try {
                    f.get();
                    delivered++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(DingTalkLimitException.class);
                    assertThat(((DingTalkLimitException) e.getCause()).limit())
                            .isEqualTo(DingTalkLimitException.Limit.ROBOT_BUDGET);
                    assertThat(((DingTalkLimitException) e.getCause()).isRetryable()).isTrue();
                    refused++;
                }
            }
            assertThat(delivered).isEqualTo(1);
            assertThat(refused).isEqualTo(39);
            assertThat(fixture.robotMessages(DingTalkFixture.CANARY_ROBOT_TOKEN)).hasSize(1);
            assertThat(fixture.rejections("robotRate") + fixture.rejections("robotBlocked")).isZero();
        } finally {
            pool.shutdownNow();
            connector.stop();
        }
    }

    @Test
    void theSpacingKeepsAnyTwentyOneMessagesMoreThanAMinuteApart() {
        // one permit per window: the first and the 21st of any run are at least 19 windows apart
        assertThat(DingTalkSendBudgets.spacing(18).multipliedBy(19).toMillis()).isGreaterThan(63_000);
        assertThat(DingTalkSendBudgets.spacing(1).toMillis()).isEqualTo(60_000);
        assertThat(DingTalkConnectorConfig.CONFIG_DEF.validate(Map.of("dingtalk.app-key", "abcd",
                "dingtalk.app-secret", "s", "dingtalk.agent-id", "1", "dingtalk.robot-messages-per-minute", "19")))
                .singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("dingtalk.robot-messages-per-minute"));
    }

    @Test
    void aRobotDingTalkThrottledIsLeftAloneUntilTheBlockEnds() {
        fixture.mock().settings().robotMessagesPerMinute = 1;
        DingTalkConnector connector = new DingTalkConnector();
        connector.start(fixture.config());
        try {
            connector.sendRobotMessage(new RobotMessage("t-1", "warehouse-east", RobotMessage.Type.TEXT, null, "一",
                    null, null, false, null));
            assertThatThrownBy(() -> connector.sendRobotMessage(new RobotMessage("t-2", "warehouse-east",
                    RobotMessage.Type.TEXT, null, "二", null, null, false, null)))
                    .isInstanceOfSatisfying(DingTalkLimitException.class, e -> {
                        assertThat(e.limit()).isEqualTo(DingTalkLimitException.Limit.ROBOT_BLOCKED);
                        assertThat(e.retryAfter().toMinutes()).isEqualTo(10);
                    });
            long calls = fixture.mock().requests().total();
            assertThatThrownBy(() -> connector.sendRobotMessage(new RobotMessage("t-3", "warehouse-east",
                    RobotMessage.Type.TEXT, null, "三", null, null, false, null)))
                    .isInstanceOf(DingTalkLimitException.class).hasMessageContaining("throttled by DingTalk until");
            assertThat(fixture.mock().requests().total()).as("nothing sent while blocked").isEqualTo(calls);
        } finally {
            connector.stop();
        }
    }
}
