package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-API budget (docs/vendor-apis/fxiaoke.md §4.4: 100 calls per 20 s per API) against the mock's own limit,
 * scaled down to 10 calls per 2 s so a burst takes seconds: with the budget the mock refuses nothing; without it (the
 * control) the same burst runs into the mock's 30004.
 */
class FxiaokeBudgetTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;
    private FxiaokeConnector connector;

    @BeforeEach
    void seed() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
        mock.settings().callsPerPathPerWindow = 10;
        mock.settings().pathWindowMs = 2_000;
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private void start(int callsPerWindow) {
        Map<String, String> keys = FxiaokeFixture.keys(mock);
        keys.put("fxiaoke.api-calls-per-window", String.valueOf(callsPerWindow));
        keys.put("fxiaoke.api-window-ms", "2200");
        keys.put("fxiaoke.timeout-ms", "10000");
        keys.put("fxiaoke.max-attempts", "1");
        connector = new FxiaokeConnector(mock.clock());
        connector.start(keys);
    }

    /** 25 reads of one API from 10 threads at once; the failures. */
    private List<Throwable> burst() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Throwable> failures = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String no = String.format("C%04d", i % 20 + 1);
                done.add(pool.submit(() -> {
                    go.await();
                    assertThat(connector.findBy("AccountObj", "account_no", no, 1)).hasSize(1);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    @Test
    void aBurstStaysWithinTheBudgetAndTheMockRefusesNothing() throws Exception {
        start(10);
        long t0 = System.nanoTime();

        assertThat(burst()).isEmpty();

        assertThat(FxiaokeFixture.rateLimitRejections(mock)).isEmpty();
        assertThat(mock.requests().count("data/query")).isEqualTo(25);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("25 calls at 10 per 2.2 s")
                .isGreaterThanOrEqualTo(4_000);
    }

    @Test
    void controlWithoutTheBudgetTheSameBurstIsRefusedByTheMock() throws Exception {
        start(100);

        List<Throwable> failures = burst();

        assertThat(FxiaokeFixture.rateLimitRejections(mock)).isNotEmpty();
        assertThat(failures).isNotEmpty().allMatch(t -> t instanceof ConnectorException c && c.isRetryable());
    }
}
