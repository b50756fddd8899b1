package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two processors racing over the same stored callbacks on PostgreSQL — as two hub instances do — claim each row once
 * (FOR UPDATE SKIP LOCKED), and two clicks on one ticket are decided one after the other (the ticket row lock): one
 * status change and one CardActionHandled per click, however the rows fall to the two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class CallbackRacePostgresTest extends CallbackTestBase {

    private static final int TICKETS = 40;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.postgres(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        CallbackRequests.properties(r);
        // the test runs the processors itself
        r.add("hub.callbacks.worker-enabled", () -> "false");
    }

    @Autowired
    CallbackProcessor processor;

    @Test
    void twoProcessorsRacingClaimEachStoredCallbackOnce() throws Exception {
        List<String> tickets = new ArrayList<>();
        long createTime = nowSeconds();
        for (int i = 0; i < TICKETS; i++) {
            String t = assignedTicket(zhang);
            tickets.add(t);
            // the same 接单 from both platforms, the WeCom one re-sent: 2 stored callbacks per ticket
            assertThat(requests.dingTalkClick("/callbacks/dingtalk/dt-main", CallbackRequests.clickBody(card(t),
                    zhang.dingTalkUserId(), "accept"), System.currentTimeMillis()).status()).isEqualTo(200);
            String xml = CallbackRequests.weComClickXml(zhang.weComUserId(), createTime + i, "accept:" + t, card(t));
            for (int k = 0; k < 2; k++) {
                assertThat(requests.weComEvent("/callbacks/wecom", xml, nowSeconds(), CallbackRequests.WC_TOKEN,
                        CallbackRequests.WC_AES_KEY, CallbackRequests.WC_CORP, false).status()).isEqualTo(200);
            }
        }
        assertThat(unprocessed()).isEqualTo(2L * TICKETS);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> processors = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processors.add(pool.submit(() -> {
                start.await();
                int n = 0;
                while (processor.processNext()) {
                    n++;
                }
                return n;
            }));
        }
        start.countDown();
        int first = processors.get(0).get(60, TimeUnit.SECONDS);
        int second = processors.get(1).get(60, TimeUnit.SECONDS);
        pool.shutdown();

        System.out.println("Callback race on PostgreSQL: processor 1 took " + first + ", processor 2 took " + second
                + " of " + 2 * TICKETS);
        assertThat(first + second).isEqualTo(2 * TICKETS);
        assertThat(first).isPositive();
        assertThat(second).isPositive();
        assertThat(unprocessed()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from im_callback_event where attempts <> 1", Integer.class))
                .isZero();
        for (String t : tickets) {
            assertThat(status(t)).isEqualTo("ACCEPTED");
            assertThat(jdbc.queryForObject("select count(*) from status_history where ticket_id = ? and to_status = "
                    + "'ACCEPTED'", Integer.class, t)).isEqualTo(1);
            List<JsonNode> events = cardEvents(t);
            assertThat(events).hasSize(2);
            assertThat(events).extracting(e -> e.get("outcome").asText())
                    .containsExactlyInAnyOrder("APPLIED", "REFUSED");
        }
    }
}
