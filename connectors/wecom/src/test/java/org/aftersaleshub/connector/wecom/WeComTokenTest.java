package org.aftersaleshub.connector.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app token (docs/vendor-apis/wecom.md §2.1, §2.2) as the mock counts it: one gettoken for 50 parallel sends after
 * expiry or after WeCom invalidated the token early, a refresh ahead of expiry that does not hammer gettoken while
 * WeCom keeps answering the same token, and a new token after expiry. The connector reads the mock's clock.
 */
class WeComTokenTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    private WeComMock mock;
    private WeComConnector connector;

    @BeforeEach
    void start() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
        connector = new WeComConnector(mock.clock());
        connector.start(WeComFixture.keys(mock));
    }

    @AfterEach
    void stop() {
        connector.stop();
    }

    private void send(String marker) {
        AppMessageResult r = connector.sendAppMessage(AppMessage.text(null, List.of(WeComFixture.MEMBER),
                "令牌测试 " + marker));
        assertThat(r.status()).isEqualTo(AppMessageResult.Status.SENT);
    }

    /** Sends 50 distinct messages at the same moment from 50 threads. */
    private void fiftyInParallel(String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String marker = prefix + "-" + i + ";";
                done.add(pool.submit(() -> {
                    go.await();
                    send(marker);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(WeComFixture.delivered(mock, WeComFixture.MEMBER, prefix + "-" + i + ";")).as(prefix + "-" + i)
                    .isEqualTo(1);
        }
    }

    @Test
    void fiftyParallelSendsAfterExpiryFetchOneToken() throws Exception {
        mock.settings().messagesPerMemberPerMinute = 1000; // the platform's per-member limit is not under test here
        send("warm-up");
        assertThat(WeComFixture.tokenCalls(mock)).isEqualTo(1);
        mock.clock().advance(Duration.ofSeconds(7201));

        fiftyInParallel("expired");

        assertThat(WeComFixture.tokenCalls(mock)).as("gettoken calls at the mock").isEqualTo(2);
    }

    @Test
    void fiftyParallelSendsAfterEarlyInvalidationReauthenticateOnce() throws Exception {
        mock.settings().messagesPerMemberPerMinute = 1000;
        send("warm-up");
        WeComFixture.admin(mock, "tokens/invalidate", "{}"); // 40014 before expires_in ran out

        fiftyInParallel("invalidated");

        assertThat(WeComFixture.tokenCalls(mock)).as("gettoken calls at the mock").isEqualTo(2);
        assertThat(connector.callStatus()).get().extracting(s -> s.credentialRefreshes()).isEqualTo(2L);
    }

    @Test
    void expiredAnswer42001IsRenewedOnce() {
        send("first");
        WeComFixture.admin(mock, "tokens/expire", "{}"); // the server says 42001 while our clock says valid
        send("second");
        assertThat(WeComFixture.tokenCalls(mock)).isEqualTo(2);
        assertThat(WeComFixture.delivered(mock, WeComFixture.MEMBER, "second")).isEqualTo(1);
    }

    @Test
    void refreshAheadOfExpiryAsksOnceWhileWeComKeepsTheSameToken() {
        send("first");
        mock.clock().advance(Duration.ofSeconds(7200 - 200)); // inside the 300 s refresh window
        for (int i = 0; i < 5; i++) {
            send("window-" + i);
        }
        assertThat(WeComFixture.tokenCalls(mock)).as("one early refresh, answered with the same token")
                .isEqualTo(2);
        mock.clock().advance(Duration.ofSeconds(201)); // now expired: a new token
        send("after");
        assertThat(WeComFixture.tokenCalls(mock)).isEqualTo(3);
        assertThat(WeComFixture.delivered(mock, WeComFixture.MEMBER, "after")).isEqualTo(1);
    }
}
