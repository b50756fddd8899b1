package org.aftersaleshub.connector.dingtalk;

import java.time.Duration;
import org.aftersaleshub.connector.ratelimit.BudgetExhaustedException;

/**
 * Nothing was sent because a limit is reached: the call is certainly not done and can be sent again later, with the
 * same key (RETRYABLE). As the kit's {@link BudgetExhaustedException} it tells the hub to park the message until
 * the budget frees (waiting does not count as a failed attempt); {@link #limit()} says which limit, and an exhausted
 * monthly quota ({@link #monthlyQuota()}) can move a notice to the person's other channel.
 */
public final class DingTalkLimitException extends BudgetExhaustedException {

    /** Which limit. */
    public enum Limit {
        /** The connector's own budget for a robot (below DingTalk's 20 a minute) had no permit in time. */
        ROBOT_BUDGET,
        /** DingTalk throttled the robot (410100 / 130101): it stays blocked for minutes. */
        ROBOT_BLOCKED,
        /** The organisation's monthly API quota is used up (counted, or 90020 / ApiCountLimitForOrg). */
        MONTHLY_QUOTA
    }

    private final Limit limit;

    public DingTalkLimitException(Limit limit, Duration retryAfter, String message) {
        this(limit, DingTalkConnector.NAME + ":" + limit.name().toLowerCase(java.util.Locale.ROOT), retryAfter,
                message);
    }

    /** @param budgetKey which robot or app, never a secret (a token's fingerprint) */
    public DingTalkLimitException(Limit limit, String budgetKey, Duration retryAfter, String message) {
        super(DingTalkConnector.NAME, budgetKey, retryAfter, limit == Limit.MONTHLY_QUOTA, message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
