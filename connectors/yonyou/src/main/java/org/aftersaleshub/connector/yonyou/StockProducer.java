package org.aftersaleshub.connector.yonyou;

import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.PartUsage;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Calls the endpoint's connector with the message body and puts the answer in the body. A
 * {@link org.aftersaleshub.connector.ConnectorException} propagates, so the route's error handler retries
 * retryable ones with the same idempotency key.
 */
final class StockProducer extends DefaultProducer {

    private final ConnectorEndpoint endpoint;

    StockProducer(ConnectorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        switch (endpoint.getOperation()) {
            case deduct -> {
                DeductionRequest req = body instanceof PartUsage u ? DeductionRequest.of(u)
                        : exchange.getMessage().getMandatoryBody(DeductionRequest.class);
                exchange.getMessage().setBody(capability(StockDeductions.class).deduct(req));
            }
            case compensate -> exchange.getMessage().setBody(capability(StockDeductions.class)
                    .compensate(exchange.getMessage().getMandatoryBody(ReturnRequest.class)));
            case stock -> exchange.getMessage().setBody(capability(StockQueries.class)
                    .stockLevel(exchange.getMessage().getMandatoryBody(StockQuery.class)));
            default -> throw new IllegalStateException(String.valueOf(endpoint.getOperation()));
        }
    }

    private <T> T capability(Class<T> type) {
        return endpoint.connector().as(type).orElseThrow(() -> new IllegalStateException(
                endpoint.connector().name() + " does not implement " + type.getSimpleName()));
    }
}
