package org.aftersaleshub.connector.dingtalk;

import java.time.Duration;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * Nothing was sent because a limit is reached: the call is certainly not done and can be sent again later, with the
 * same key (RETRYABLE). {@link #limit()} tells the caller which, so that waiting for a budget does not count as a
 * failed attempt, and an exhausted monthly quota can move a notice to the person's other channel.
 */
public final class DingTalkLimitException extends ConnectorException {

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
    private final Duration retryAfter;

    public DingTalkLimitException(Limit limit, Duration retryAfter, String message) {
        super(DingTalkConnector.NAME, Outcome.RETRYABLE, message);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Limit limit() {
        return limit;
    }

    /** The earliest moment a new attempt can succeed, from now (a permit's spacing, the block, the month's end). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
