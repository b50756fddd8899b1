package org.aftersaleshub.connector.wecom;

import java.time.Duration;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * Nothing was sent because a send budget is used up: certainly not done, retryable later with the same key.
 * {@link #limit()} tells the caller which, so that waiting for a budget does not count as a failed attempt.
 */
public final class WeComLimitException extends ConnectorException {

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
    private final Duration retryAfter;

    WeComLimitException(Limit limit, Duration retryAfter, String message) {
        super(WeComConnector.NAME, Outcome.RETRYABLE, message);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Limit limit() {
        return limit;
    }

    /** The earliest moment a new attempt can succeed, from now. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
