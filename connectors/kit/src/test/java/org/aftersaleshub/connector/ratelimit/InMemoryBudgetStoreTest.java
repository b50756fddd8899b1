package org.aftersaleshub.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link BudgetStoreContract} in one process, plus the window arithmetic on a clock moved by hand. */
class InMemoryBudgetStoreTest implements BudgetStoreContract {

    private final InMemoryBudgetStore store = new InMemoryBudgetStore();

    @Override
    public BudgetStore budgetStore(int instance) {
        return store;
    }

    @Test
    void saysWhenTheOldestGrantLeavesTheWindow() {
        AtomicLong nanos = new AtomicLong();
        InMemoryBudgetStore byHand = new InMemoryBudgetStore(nanos::get);
        BudgetStore.Limit limit = BudgetStore.Limit.of(3, Duration.ofSeconds(60));
        assertThat(byHand.tryAcquire("robot", limit, 1).granted()).isTrue();
        nanos.set(Duration.ofSeconds(10).toNanos());
        assertThat(byHand.tryAcquire("robot", limit, 2).granted()).isTrue();
        nanos.set(Duration.ofSeconds(20).toNanos());
        assertThat(byHand.tryAcquire("robot", limit, 1).retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(byHand.tryAcquire("robot", limit, 2).retryAfter()).as("two must leave: the 10 s ones")
                .isEqualTo(Duration.ofSeconds(50));
        nanos.set(Duration.ofSeconds(60).toNanos());
        assertThat(byHand.available("robot", limit)).isEqualTo(1);
        assertThat(byHand.tryAcquire("robot", limit, 1).granted()).isTrue();
        assertThat(byHand.tryAcquire("robot", limit, 1).retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }
}
