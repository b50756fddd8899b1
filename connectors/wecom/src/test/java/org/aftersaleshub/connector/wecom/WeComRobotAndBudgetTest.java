package org.aftersaleshub.connector.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.http.Outcome;
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
 * Group robots and the send budgets against the mock (docs/vendor-apis/wecom.md §2.5, §5, §10.3): robot messages
 * delivered, refused or throttled as WeCom answers, and bursts to one robot or one member cut by the connector's own
 * budget so that the mock never counts a rejection or a silent drop.
 */
class WeComRobotAndBudgetTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    private WeComMock mock;
    private CamelContext camel;
    private WeComConnector connector;

    @BeforeEach
    void start() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
        WeComFixture.seedRobot(mock);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("connectorInstances", new ConnectorInstances());
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.getRegistry().findSingleByType(ConnectorInstances.class).stopAll();
        camel.stop();
    }

    private WeComConnector started(Map<String, String> extra) {
        Map<String, String> keys = new java.util.LinkedHashMap<>(WeComFixture.keys(mock));
        keys.putAll(extra);
        connector = new WeComConnector();
        connector.start(keys);
        camel.getRegistry().findSingleByType(ConnectorInstances.class).register("wecom-test", connector);
        return connector;
    }

    private Exchange robot(String body, String header) {
        return camel.createProducerTemplate().request("wecom:wecom-test?operation=robot-send", e -> {
            e.getMessage().setBody(body);
            if (header != null) {
                e.getMessage().setHeader(WeComOperations.ROBOT_HEADER, header);
            }
        });
    }

    @Test
    void textWithMentionsAndMarkdownAreDelivered() {
        started(Map.of());
        Exchange text = robot("{\"robot\":\"dispatch\",\"content\":\"工单 T-8 待派工\","
                + "\"mentionedUserIds\":[\"WeComUser003\"]}", null);
        assertThat(text.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        Exchange md = robot("{\"msgtype\":\"markdown\",\"content\":\"**低库存** SP-FAN-004\"}", "dispatch");
        assertThat(md.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");

        List<Map<String, Object>> got = mock.robotMessages(WeComFixture.ROBOT_KEY);
        assertThat(got).hasSize(2);
        assertThat(String.valueOf(got.get(0).get("body"))).contains("工单 T-8 待派工", "mentioned_list=[WeComUser003]");
        assertThat(got.get(1).get("msgtype")).isEqualTo("markdown");
    }

    @Test
    void anUnknownKeyIsNotRetryableAndTooLongContentIsRefusedBeforeAnyCall() {
        started(Map.of("wecom.robot-keys", "dispatch=" + WeComFixture.ROBOT_KEY + ",gone=canary-gone-robot-71f0"));
        Exchange gone = robot("{\"robot\":\"gone\",\"content\":\"x\"}", null);
        assertThat(gone.getException()).isInstanceOf(ConnectorException.class).hasMessageContaining("93000")
                .hasMessageNotContaining("canary-gone-robot-71f0")
                .matches(e -> ((ConnectorException) e).outcome() == Outcome.NOT_RETRYABLE);
        long before = mock.requests().total();
        Exchange big = robot("{\"robot\":\"dispatch\",\"content\":\"" + "长".repeat(700) + "\"}", null);
        assertThat(big.getException()).hasMessageContaining("at most 2048 bytes");
        assertThat(robot("{\"content\":\"x\"}", null).getException()).hasMessageContaining("name the robot");
        assertThat(mock.requests().total()).isEqualTo(before);
    }

    @Test
    void aRobotBurstGetsOnePermitAndWeComCountsNoRejection() throws Exception {
        WeComConnector c = started(Map.of("wecom.send-budget-wait-ms", "0"));
        List<Throwable> refused = burst(30, i -> c.sendRobotMessage(new WeComRobotMessage("b-" + i, "dispatch",
                WeComRobotMessage.Type.TEXT, "告警 " + i, null, null)));
        assertThat(refused).hasSize(29).allSatisfy(e -> assertThat(((WeComLimitException) e).limit())
                .isEqualTo(WeComLimitException.Limit.ROBOT_BUDGET));
        assertThat(mock.robotMessages(WeComFixture.ROBOT_KEY)).hasSize(1);
        assertThat(WeComFixture.rejections(mock, "robotRate")).isZero();
    }

    @Test
    void weComsOwn45009IsAThrottleToWaitFor() {
        mock.settings().robotMessagesPerMinute = 1;
        WeComConnector c = started(Map.of());
        c.sendRobotMessage(new WeComRobotMessage("t-1", "dispatch", WeComRobotMessage.Type.TEXT, "一", null, null));
        assertThatThrownBy(() -> c.sendRobotMessage(new WeComRobotMessage("t-2", "dispatch",
                WeComRobotMessage.Type.TEXT, "二", null, null)))
                .isInstanceOfSatisfying(WeComLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(WeComLimitException.Limit.ROBOT_THROTTLED);
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    @Test
    void aBurstToOneMemberGetsOnePermitAndNothingIsSilentlyDropped() throws Exception {
        WeComConnector c = started(Map.of("wecom.member-messages-per-minute", "28", "wecom.send-budget-wait-ms",
                "0"));
        List<Throwable> refused = burst(20, i -> c.sendAppMessage(AppMessage.text("m-" + i,
                List.of(WeComFixture.MEMBER), "提醒 " + i)));
        assertThat(refused).hasSize(19).allSatisfy(e -> assertThat(((WeComLimitException) e).limit())
                .isEqualTo(WeComLimitException.Limit.MEMBER_BUDGET));
        assertThat(mock.messagesTo(WeComFixture.MEMBER)).hasSize(1);
        assertThat(mock.droppedFor(WeComFixture.MEMBER)).isEmpty();
        // another member has a budget of its own
        assertThat(c.sendAppMessage(AppMessage.text("other", List.of("WeComUser002"), "提醒")).status())
                .isEqualTo(AppMessageResult.Status.SENT);
        assertThat(WeComSendBudgets.spacing(28).multipliedBy(29).toMillis()).as("31 messages span over a minute")
                .isGreaterThan(62_000);
    }

    private interface Send {
        Object run(int i);
    }

    /** Runs {@code n} sends from 8 threads; returns the exceptions of those refused. */
    private static List<Throwable> burst(int n, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                all.add(pool.submit(() -> send.run(k)));
            }
            List<Throwable> refused = new ArrayList<>();
            for (Future<Object> f : all) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            return refused;
        } finally {
            pool.shutdownNow();
        }
    }
}
