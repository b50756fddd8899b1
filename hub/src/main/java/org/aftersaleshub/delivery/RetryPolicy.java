package org.aftersaleshub.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Whether a failed external call is worth another attempt. Transport failures, timeouts, 5xx, 408 and 429 are;
 * other 4xx answers are not (the target refused this message and will refuse it again), so they become dead
 * letters at once. Bounded by {@link DeliveryProperties#maxAttempts()}.
 */
@Component("retryPolicy")
public class RetryPolicy implements Predicate {

    private final DeliveryProperties props;

    public RetryPolicy(DeliveryProperties props) {
        this.props = props;
    }

    @Override
    public boolean matches(Exchange exchange) {
        int attemptsSoFar = DeliveryAttempts.attempt(exchange);
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return attemptsSoFar < props.maxAttempts() && retryable(failure);
    }

    public static boolean retryable(Throwable failure) {
        if (failure instanceof PermanentFailure) {
            return false;
        }
        if (failure instanceof org.aftersaleshub.connector.ConnectorException c) {
            return c.isRetryable();
        }
        if (failure instanceof HttpOperationFailedException h) {
            int s = h.getStatusCode();
            return s >= 500 || s == 408 || s == 429;
        }
        return true;
    }

    /**
     * A one-line description of a failure for the journal and the dead-letter store: the HTTP status and a short
     * body excerpt, or the exception type and message. Never the request (which may carry credentials).
     */
    public static String describe(Throwable failure) {
        if (failure instanceof HttpOperationFailedException h) {
            String body = h.getResponseBody();
            return "HTTP " + h.getStatusCode() + (body == null || body.isBlank() ? ""
                    : ": " + body.substring(0, Math.min(300, body.length())).replaceAll("\\s+", " "));
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = root instanceof SocketTimeoutException ? "timeout"
                : root instanceof ConnectException ? "connection refused" : root.getClass().getSimpleName();
        return kind + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
