package org.aftersaleshub.connector.call;

import java.time.Duration;
import org.aftersaleshub.connector.http.Outcome;

/**
 * What a connector's protocol code makes of one answer, for {@link ApiCaller}: a final reply (success, or a
 * business answer such as "not enough stock" for the caller to judge), a rejected credential (renew once and
 * repeat), or no final answer with the kit's {@link Outcome} (repeated within the call when it certainly did not
 * take effect, else thrown for the hub to redeliver).
 *
 * @param <R> the connector's parsed reply type
 */
public record Verdict<R>(Kind kind, R reply, Outcome outcome, String problem, Duration retryAfter) {

    public enum Kind { FINAL, CREDENTIAL_REJECTED, NOT_FINAL }

    /** The answer is final; the caller reads {@code reply}. */
    public static <R> Verdict<R> reply(R reply) {
        return new Verdict<>(Kind.FINAL, reply, Outcome.SUCCESS, "", null);
    }

    /** The system refused the credential before doing anything: drop it, fetch a new one once, repeat. */
    public static <R> Verdict<R> credentialRejected(String problem) {
        return new Verdict<>(Kind.CREDENTIAL_REJECTED, null, Outcome.RETRYABLE, problem, null);
    }

    /**
     * No final answer. {@link Outcome#RETRYABLE}: it did not take effect; {@link Outcome#OUTCOME_UNKNOWN}: it may
     * have; {@link Outcome#NOT_RETRYABLE}: a configuration or programming error.
     *
     * @param retryAfter the system's own hint (Retry-After), or null
     */
    public static <R> Verdict<R> notFinal(Outcome outcome, String problem, Duration retryAfter) {
        return new Verdict<>(Kind.NOT_FINAL, null, outcome, problem, retryAfter);
    }
}
