package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConfig.TokenStyle;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access token in both generations (docs/vendor-apis/fxiaoke.md §3) as the mock counts it: 50 parallel calls after
 * expiry fetch one token and never call the token endpoint concurrently (the mock refuses concurrent calls, and here
 * each token call takes 200 ms), 20016 costs one refresh and one repeat, and the early refresh lands after the 6 600 s
 * reuse window, so it gets a new token. Two instances on one shared store (as two hub processes on one database) fetch
 * one token together. The connector reads the mock's clock.
 */
class FxiaokeTokenTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;
    private FxiaokeConnector connector;

    @BeforeEach
    void seed() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private void start(TokenStyle style) {
        connector = new FxiaokeConnector(mock.clock());
        connector.start(FxiaokeFixture.keys(mock, style));
    }

    private void read(String accountNo) {
        List<CrmRecord> found = connector.findBy("AccountObj", "account_no", accountNo, 1);
        assertThat(found).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TokenStyle.class)
    void fiftyParallelCallsAfterExpiryFetchOneToken(TokenStyle style) throws Exception {
        mock.settings().tokenServiceTimeMs = 200; // a slow token service: a second caller would overlap the first
        start(style);
        read("C0001");
        assertThat(FxiaokeFixture.tokenCalls(mock)).isEqualTo(1);
        mock.clock().advance(Duration.ofSeconds(7201));

        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String no = String.format("C%04d", i % 20 + 1);
                done.add(pool.submit(() -> {
                    go.await();
                    read(no);
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

        assertThat(FxiaokeFixture.tokenCalls(mock)).as("token calls answered").isEqualTo(2);
        assertThat(FxiaokeFixture.tokenCalls(mock, null)).as("token calls made, refused ones included").isEqualTo(2);
        assertThat(mock.requests().count("data/query")).isEqualTo(51);
    }

    @ParameterizedTest
    @EnumSource(TokenStyle.class)
    void twoInstancesOnOneSharedStoreFetchOneTokenTogether(TokenStyle style) throws Exception {
        mock.settings().tokenServiceTimeMs = 200;
        SharedState shared = SharedState.inMemory();
        FxiaokeConnector other = new FxiaokeConnector(mock.clock());
        connector = new FxiaokeConnector(mock.clock());
        shared.runBound(() -> connector.start(FxiaokeFixture.keys(mock, style)));
        shared.runBound(() -> other.start(FxiaokeFixture.keys(mock, style)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                FxiaokeConnector c = i % 2 == 0 ? connector : other;
                String no = String.format("C%04d", i + 1);
                done.add(pool.submit(() -> {
                    go.await();
                    assertThat(c.findBy("AccountObj", "account_no", no, 1)).hasSize(1);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            other.stop();
        }
        assertThat(FxiaokeFixture.tokenCalls(mock, null)).as("token calls made by both instances").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TokenStyle.class)
    void answer20016RefreshesOnceAndRepeatsOnce(TokenStyle style) {
        start(style);
        read("C0002");
        FxiaokeFixture.admin(mock, "tokens/expire", "{}"); // the gateway says 20016 while our clock says valid

        read("C0003");

        assertThat(FxiaokeFixture.tokenCalls(mock)).isEqualTo(2);
        assertThat(mock.requests().count("data/query")).as("the first, the refused one, its repeat").isEqualTo(3);
        assertThat(connector.callStatus()).get().extracting(s -> s.credentialRefreshes()).isEqualTo(2L);
    }

    @ParameterizedTest
    @EnumSource(TokenStyle.class)
    void refreshAheadOfExpiryComesAfterTheReuseWindowAndGetsANewToken(TokenStyle style) {
        start(style);
        read("C0004");
        mock.clock().advance(Duration.ofSeconds(6_650)); // past 6 600 s: inside the 600 s refresh-ahead window
        for (int i = 0; i < 5; i++) {
            read("C000" + (5 + i));
        }
        assertThat(FxiaokeFixture.tokenCalls(mock)).as("one early refresh").isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) mock.state().get("tokens");
        assertThat(tokens).as("the refresh got a new token; the old one stays valid to its own expiry").hasSize(2)
                .allMatch(t -> Boolean.TRUE.equals(t.get("valid")));
    }
}
