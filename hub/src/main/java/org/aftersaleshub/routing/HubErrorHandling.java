package org.aftersaleshub.routing;

import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.delivery.RetryPolicy;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.support.PredicateToExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * The shared route configuration every YAML route names with {@code routeConfigurationId: hub-error-handling}:
 * bounded redelivery with exponential backoff at the failing step (the consumer thread waits, so a ticket's later
 * events wait too and order holds), then the dead-letter store. Routes never declare their own error handling;
 * the loader rejects one that does.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-error-handling";

    private final DeliveryProperties props;
    private final RetryPolicy retryPolicy;
    private final HubEventCapture capture;
    private final DeliveryAttempts attempts;

    public HubErrorHandling(DeliveryProperties props, RetryPolicy retryPolicy, HubEventCapture capture,
                            DeliveryAttempts attempts) {
        this.props = props;
        this.retryPolicy = retryPolicy;
        this.capture = capture;
        this.attempts = attempts;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition config = routeConfiguration(ID);
        config.interceptFrom().process(capture);
        config.errorHandler(deadLetterChannel("bean:deadLetterStore?method=store")
                        // a failing dead-letter write must fail the exchange: the broker then redelivers it
                        .deadLetterHandleNewException(false)
                        .maximumRedeliveries(props.maxAttempts() - 1)
                        .retryWhile(PredicateToExpressionAdapter.toExpression(retryPolicy))
                        .onExceptionOccurred(attempts::failed)
                        .onRedelivery(attempts::retrying)
                        .redeliveryDelay(props.initialBackoffMs())
                        .useExponentialBackOff()
                        .backOffMultiplier(props.backoffMultiplier())
                        .maximumRedeliveryDelay(props.maxBackoffMs())
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logStackTrace(false)
                        .logExhaustedMessageHistory(false));
    }
}
