package org.aftersaleshub.connector.wecom;

import java.time.Duration;
import org.aftersaleshub.connector.ratelimit.BudgetExhaustedException;

/**
 * Nothing was sent because a send budget is used up: certainly not done, retryable later with the same key.
 * As the kit's {@link BudgetExhaustedException} it tells the hub to park the message until the budget frees (waiting
 * does not count as a failed attempt); {@link #limit()} says which limit.
 */
public final class WeComLimitException extends BudgetExhaustedException {

    /** Which limit. */
    public enum Limit {
        /** The connector's budget for a group robot (below WeCom's 20 a minute) had no permit in time. */
        ROBOT_BUDGET,
        /** WeCom answered 45009 for a robot: its minute is full. */
        ROBOT_THROTTLED,
        /** The connector's budget for a member (below WeCom's 30 app messages a minute) had no permit in time. */
        MEMBER_BUDGET
    }

    private final Limit limit;

    /** @param budgetKey which robot or member, never a secret (a webhook key's fingerprint) */
    WeComLimitException(Limit limit, String budgetKey, Duration retryAfter, String message) {
        super(WeComConnector.NAME, budgetKey, retryAfter, false, message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
