package org.aftersaleshub.connector.ratelimit;

import java.time.Duration;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * Nothing was sent because a send budget or a quota has no permit now: the call is certainly not done, and the same
 * request (same key) can be sent once the budget frees. This is a signal to wait, not a failure: a caller that parks
 * the request until {@link #retryAfter()} must not count it as a delivery attempt. A caller that does not know the
 * signal sees a RETRYABLE {@link ConnectorException}, as before.
 *
 * <p>Connectors throw their own subclasses (which limit, in their words); callers read only this type.
 */
public class BudgetExhaustedException extends ConnectorException {

    private final String budgetKey;
    private final Duration retryAfter;
    private final boolean monthlyQuota;

    /**
     * @param system       the connector type ({@code dingtalk})
     * @param budgetKey    which budget, never a secret (a robot's token fingerprint, not the token)
     * @param retryAfter   the earliest moment from now a new attempt can get a permit
     * @param monthlyQuota true when the app's monthly quota is used up: waiting means until the month ends, so a
     *                     caller should rather use another channel
     */
    public BudgetExhaustedException(String system, String budgetKey, Duration retryAfter, boolean monthlyQuota,
                                    String message) {
        super(system, Outcome.RETRYABLE, message);
        this.budgetKey = budgetKey;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        this.monthlyQuota = monthlyQuota;
    }

    public String budgetKey() {
        return budgetKey;
    }

    /** The earliest moment, from now, a new attempt can succeed (a permit's spacing, a block, the month's end). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean monthlyQuota() {
        return monthlyQuota;
    }

    /** The signal in {@code failure} or its causes, or null. */
    public static BudgetExhaustedException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BudgetExhaustedException b) {
                return b;
            }
        }
        return null;
    }
}
