package org.aftersaleshub.routing;

import org.aftersaleshub.connector.ratelimit.BudgetExhaustedException;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.support.PredicateToExpressionAdapter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The shared route configuration every YAML route names with {@code routeConfigurationId: hub-error-handling}:
 * bounded redelivery with exponential backoff at the failing step (the consumer thread waits, so a ticket's later
 * events wait too and order holds), then the dead-letter store. Routes never declare their own error handling;
 * the loader rejects one that does.
 *
 * <p>A call a send budget refused ({@link BudgetExhaustedException}: nothing sent) is no failed attempt: when a
 * {@link BudgetWait} takes it, it is parked at once — no retry, no FAILED journal row, no dead letter — and the
 * exchange goes on as handled.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-error-handling";
    /** The id of the shared onException for budget signals (merged into every route; the loader knows it). */
    static final String BUDGET_WAIT_ID = "hub-budget-wait";

    private final DeliveryProperties props;
    private final RetryPolicy retryPolicy;
    private final HubEventCapture capture;
    private final DeliveryAttempts attempts;
    private final ObjectProvider<BudgetWait> budgetWait;

    /** Without a {@link BudgetWait}: a budget's refusal is retried like any RETRYABLE failure (route checks). */
    public HubErrorHandling(DeliveryProperties props, RetryPolicy retryPolicy, HubEventCapture capture,
                            DeliveryAttempts attempts) {
        this(props, retryPolicy, capture, attempts, null);
    }

    @Autowired
    public HubErrorHandling(DeliveryProperties props, RetryPolicy retryPolicy, HubEventCapture capture,
                            DeliveryAttempts attempts, ObjectProvider<BudgetWait> budgetWait) {
        this.props = props;
        this.retryPolicy = retryPolicy;
        this.capture = capture;
        this.attempts = attempts;
        this.budgetWait = budgetWait;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition config = routeConfiguration(ID);
        config.interceptFrom().process(capture);
        BudgetWait wait = budgetWait == null ? null : budgetWait.getIfAvailable();
        if (wait != null) {
            config.onException(BudgetExhaustedException.class).id(BUDGET_WAIT_ID).onWhen(wait).handled(true)
                    .maximumRedeliveries(0).retryWhile(PredicateBuilder.constant(false)).process(wait);
        }
        config.errorHandler(deadLetterChannel("bean:deadLetterStore?method=store")
                        // a failing dead-letter write must fail the exchange: the broker then redelivers it
                        .deadLetterHandleNewException(false)
                        .maximumRedeliveries(props.maxAttempts() - 1)
                        .retryWhile(PredicateToExpressionAdapter.toExpression(retryPolicy))
                        .onExceptionOccurred(ex -> failed(wait, ex))
                        .onRedelivery(attempts::retrying)
                        .redeliveryDelay(props.initialBackoffMs())
                        .useExponentialBackOff()
                        .backOffMultiplier(props.backoffMultiplier())
                        .maximumRedeliveryDelay(props.maxBackoffMs())
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logStackTrace(false)
                        .logExhaustedMessageHistory(false));
    }

    /** Journals a failed attempt, unless it is a budget's refusal that will be parked. */
    private void failed(BudgetWait wait, Exchange ex) {
        if (wait == null || !wait.matches(ex)) {
            attempts.failed(ex);
        }
    }
}
