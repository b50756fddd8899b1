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
}
