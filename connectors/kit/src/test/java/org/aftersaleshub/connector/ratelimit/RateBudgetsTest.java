package org.aftersaleshub.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateBudgetsTest {

    @Test
    void eachKeyHasItsOwnBudget() {
        RateBudgets budgets = new RateBudgets(2, Duration.ofMinutes(1), Duration.ZERO);
        String write = RateBudgets.key("kingdee", "app1", "write");
        String read = RateBudgets.key("kingdee", "app1", "read");
        assertThat(budgets.acquire(write)).isTrue();
        assertThat(budgets.acquire(write)).isTrue();
        assertThat(budgets.acquire(write)).as("third call within the period").isFalse();
        assertThat(budgets.acquire(read)).as("another API's budget is untouched").isTrue();
    }

    @Test
    void aCallerWaitsForTheNextPermitWithinItsMaximum() {
        RateBudgets budgets = new RateBudgets(new InMemoryBudgetStore(), 1, Duration.ofMillis(300),
                Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThat(budgets.acquire("k")).isTrue();
        assertThat(budgets.acquire("k")).as("the permit comes back after 300 ms").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void aCallerGivesUpAtOnceWhenThePermitComesTooLate() {
        RateBudgets budgets = new RateBudgets(new InMemoryBudgetStore(), 1, Duration.ofMinutes(1),
                Duration.ofSeconds(5));
        assertThat(budgets.acquire("k")).isTrue();
        long start = System.nanoTime();
        assertThat(budgets.acquire("k")).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting in vain")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(budgets.available("k")).isZero();
    }

    @Test
    void budgetsBuiltOutsideAStartKeepTheirPermitsToThemselves() {
        RateBudgets one = new RateBudgets(1, Duration.ofMinutes(1), Duration.ZERO);
        RateBudgets two = new RateBudgets(1, Duration.ofMinutes(1), Duration.ZERO);
        assertThat(one.acquire("k")).isTrue();
        assertThat(two.acquire("k")).as("a separate in-memory store, as before").isTrue();
    }
}
