package org.aftersaleshub.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuotaStore} guarantees, run against each implementation; {@link #quotaStore(int)} is the store
 * as hub instance 1 or 2 sees it (see {@link BudgetStoreContract}).
 */
public interface QuotaStoreContract {

    QuotaStore quotaStore(int instance);

    private static QuotaStore.Quota quota(long limit) {
        return new QuotaStore.Quota("contract:" + UUID.randomUUID(), "2026-03", limit, "dingtalk-main");
    }

    @Test
    default void countsEveryCallOfSixteenThreadsOnTwoInstances() throws Exception {
        QuotaStore.Quota q = quota(5_000);
        run(16, t -> {
            for (int i = 0; i < 50; i++) {
                quotaStore(t % 2 + 1).add(q, 1);
            }
        });
        assertThat(quotaStore(1).used(q.name(), q.period())).isEqualTo(800);
        assertThat(quotaStore(2).add(q, 10)).as("the count after adding").isEqualTo(810);
    }

    @Test
    default void addingWithinTheLimitNeverPassesIt() throws Exception {
        QuotaStore.Quota q = quota(100);
        AtomicInteger taken = new AtomicInteger();
        run(16, t -> {
            for (int i = 0; i < 20; i++) {
                if (quotaStore(t % 2 + 1).addWithinLimit(q, 1).isPresent()) {
                    taken.incrementAndGet();
                }
            }
        });
        assertThat(taken).hasValue(100);
        assertThat(quotaStore(2).used(q.name(), q.period())).isEqualTo(100);
        assertThat(quotaStore(1).addWithinLimit(q, 1)).isEmpty();
    }

    @Test
    default void eachPeriodCountsFromZeroAndIsListedWithItsLimitAndInstance() {
        QuotaStore.Quota march = quota(5_000);
        QuotaStore.Quota april = new QuotaStore.Quota(march.name(), "2026-04", 5_000, "dingtalk-main");
        quotaStore(1).add(march, 4_000);
        assertThat(quotaStore(2).add(april, 1)).isEqualTo(1);
        assertThat(quotaStore(2).used(march.name(), "2026-05")).isZero();
        List<QuotaStore.Usage> listed = quotaStore(2).usages("2026-03").stream()
                .filter(u -> u.quota().name().equals(march.name())).toList();
        assertThat(listed).singleElement().satisfies(u -> {
            assertThat(u.used()).isEqualTo(4_000);
            assertThat(u.quota().limit()).isEqualTo(5_000);
            assertThat(u.quota().instance()).isEqualTo("dingtalk-main");
            assertThat(u.fraction()).isEqualTo(0.8);
            assertThat(u.exhausted()).isFalse();
        });
    }

    /** Runs {@code work(thread)} on {@code threads} threads started together and waits for all. */
    private static void run(int threads, java.util.function.IntConsumer work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
