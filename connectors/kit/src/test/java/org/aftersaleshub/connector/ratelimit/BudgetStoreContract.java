package org.aftersaleshub.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * What every {@link BudgetStore} guarantees, run against each implementation. {@link #budgetStore(int)} gives the
 * store as hub instance 1 or 2 sees it: a database store passes two stores on two connection pools to one database
 * (two hub processes); an in-memory store passes the same store twice.
 */
public interface BudgetStoreContract {

    /** The store of "hub instance" {@code instance} (1 or 2); both share one state. */
    BudgetStore budgetStore(int instance);

    private static String fresh(String what) {
        return "contract:" + what + ":" + UUID.randomUUID();
    }

    @Test
    default void sixteenThreadsOnTwoInstancesGetExactlyTheWindowsPermits() throws Exception {
        String budget = fresh("robot");
        BudgetStore.Limit limit = BudgetStore.Limit.of(20, Duration.ofMinutes(1));
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger waitHints = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                BudgetStore store = budgetStore(t % 2 + 1);
                done.add(pool.submit(() -> {
                    start.await();
                    // each thread keeps asking until the store says the window is full (a lost race says "now")
                    for (int i = 0; i < 200; i++) {
                        BudgetStore.Grant g = store.tryAcquire(budget, limit, 1);
                        if (g.granted()) {
                            granted.incrementAndGet();
                        } else if (g.retryAfter().compareTo(Duration.ofSeconds(1)) > 0) {
                            assertThat(g.retryAfter()).isLessThanOrEqualTo(limit.period());
                            waitHints.incrementAndGet();
                            return null;
                        }
                    }
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
        assertThat(granted).as("permits granted to 16 threads on two instances").hasValue(20);
        assertThat(waitHints).as("every thread was told when the next permit comes").hasValue(16);
        assertThat(budgetStore(1).available(budget, limit)).isZero();
        assertThat(budgetStore(2).tryAcquire(budget, limit, 1).granted()).isFalse();
    }

    @Test
    default void noSpanOfOnePeriodEverHoldsMoreThanTheLimit() throws Exception {
        String budget = fresh("window");
        Duration period = Duration.ofMillis(600);
        BudgetStore.Limit limit = BudgetStore.Limit.of(5, period);
        List<long[]> grants = Collections.synchronizedList(new ArrayList<>()); // asked, answered (nanoTime)
        long end = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                BudgetStore store = budgetStore(t % 2 + 1);
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long asked = System.nanoTime();
                        if (store.tryAcquire(budget, limit, 1).granted()) {
                            grants.add(new long[] {asked, System.nanoTime()});
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<long[]> byAsked = new ArrayList<>(grants);
        byAsked.sort((x, y) -> Long.compare(x[0], y[0]));
        assertThat(byAsked.size()).as("about 5 grants per 600 ms over 2.5 s").isBetween(15, 25);
        // each grant happened between its call and its answer; six grants in one period would be possible only if
        // six calls, from the first one's start to the last one's answer, fitted into less than a period
        for (int i = 0; i + 5 < byAsked.size(); i++) {
            long lastAnswer = byAsked.subList(i, i + 6).stream().mapToLong(g -> g[1]).max().orElseThrow();
            assertThat(Duration.ofNanos(lastAnswer - byAsked.get(i)[0]))
                    .as("six grants within one period (grants %d..%d)", i, i + 5).isGreaterThanOrEqualTo(period);
        }
    }

    @Test
    default void aPermitComesBackWhenItsGrantLeavesTheWindow() {
        String budget = fresh("refill");
        BudgetStore.Limit limit = BudgetStore.Limit.of(2, Duration.ofMillis(800));
        BudgetStore one = budgetStore(1);
        long first = System.nanoTime();
        assertThat(one.tryAcquire(budget, limit, 2).granted()).isTrue();
        BudgetStore.Grant denied = budgetStore(2).tryAcquire(budget, limit, 1);
        assertThat(denied.granted()).isFalse();
        assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(limit.period());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> budgetStore(2).tryAcquire(budget, limit, 1).granted());
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
    }

    @Test
    default void severalPermitsAreTakenAllOrNone() {
        String budget = fresh("batch");
        BudgetStore.Limit limit = BudgetStore.Limit.of(5, Duration.ofMinutes(1));
        assertThat(budgetStore(1).tryAcquire(budget, limit, 3).granted()).isTrue();
        assertThat(budgetStore(2).tryAcquire(budget, limit, 3).granted()).as("only 2 left").isFalse();
        assertThat(budgetStore(2).available(budget, limit)).as("a refused batch takes nothing").isEqualTo(2);
        assertThat(budgetStore(2).tryAcquire(budget, limit, 2).granted()).isTrue();
        assertThat(budgetStore(1).tryAcquire(budget, limit, 1).granted()).isFalse();
        assertThatThrownBy(() -> budgetStore(1).tryAcquire(budget, limit, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 permits");
    }

    @Test
    default void eachBudgetHasItsOwnPermits() {
        String a = fresh("a");
        String b = fresh("b");
        BudgetStore.Limit limit = BudgetStore.Limit.of(1, Duration.ofMinutes(1));
        assertThat(budgetStore(1).available(a, limit)).isEqualTo(1);
        assertThat(budgetStore(1).tryAcquire(a, limit, 1).granted()).isTrue();
        assertThat(budgetStore(2).tryAcquire(a, limit, 1).granted()).isFalse();
        assertThat(budgetStore(2).tryAcquire(b, limit, 1).granted()).isTrue();
    }
}
