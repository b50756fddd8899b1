package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.JSON;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The arrival listener a benchmark in the mock's JVM uses to time "the card reached the platform" on its own clock
 * (bench/AssignmentLatencyBench): every business request, with its body, at a {@link System#nanoTime()} between the
 * caller's send and its answer; admin calls are not reported.
 */
class RequestArrivalsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    @AfterEach
    void stopListening() {
        mock().requests().listen(null);
    }

    @Test
    void everyBusinessRequestIsReportedWithItsBodyAtAMomentBetweenSendAndAnswer() throws Exception {
        List<RequestLog.Arrival> arrivals = new CopyOnWriteArrayList<>();
        mock().requests().listen(arrivals::add);
        String token = legacyToken(mock());
        long sent = System.nanoTime();
        var card = send("POST", mock().baseUrl() + "/v1.0/card/instances/createAndDeliver",
                Map.of("Content-Type", "application/json", "x-acs-dingtalk-access-token", token),
                "{\"cardTemplateId\":\"tpl\",\"outTrackId\":\"arrival-1\",\"callbackType\":\"STREAM\","
                        + "\"openSpaceId\":\"dtv1.card//IM_ROBOT.ding_user_001\","
                        + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_ROBOT\"}}");
        long answered = System.nanoTime();
        assertThat(card.status()).isEqualTo(200);
        state(mock()); // an admin call: not a business request

        assertThat(arrivals).extracting(a -> a.call().operation())
                .containsExactly("gettoken", "card/createAndDeliver");
        RequestLog.Arrival delivered = arrivals.get(1);
        assertThat(delivered.nanoTime()).isBetween(sent, answered);
        assertThat(delivered.nanoTime()).isGreaterThan(arrivals.get(0).nanoTime());
        assertThat(delivered.request().path()).isEqualTo("/v1.0/card/instances/createAndDeliver");
        assertThat(JSON.readTree(delivered.request().body()).get("outTrackId").asText()).isEqualTo("arrival-1");
        assertThat(mock().card("arrival-1")).as("the listener does not keep the card from being created").isNotNull();
    }

    @Test
    void afterListeningStopsNothingMoreIsReported() {
        List<RequestLog.Arrival> arrivals = new CopyOnWriteArrayList<>();
        mock().requests().listen(arrivals::add);
        legacyToken(mock());
        mock().requests().listen(null);
        legacyToken(mock());
        assertThat(arrivals).hasSize(1);
        assertThat(mock().requests().count("gettoken")).isEqualTo(2);
    }
}
