package org.aftersaleshub.connector.camel;

import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs the endpoint's operation on its instance. A refusal for good is a normal reply ({@code HubConnectorOutcome
 * = FAILED} with {@code HubReason}) for the route to act on; a call without a final answer throws the connector's
 * {@link org.aftersaleshub.connector.ConnectorException}, which the route's error handling retries with the same
 * idempotency key.
 */
final class HubConnectorProducer extends DefaultProducer {

    private final HubConnectorEndpoint endpoint;

    HubConnectorProducer(HubConnectorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        OperationResult r = run(endpoint.getOperation(), exchange);
        Message m = exchange.getMessage();
        m.setBody(r.body());
        m.setHeader(ConnectorHeaders.INSTANCE, endpoint.getInstance());
        m.setHeader(ConnectorHeaders.OUTCOME, r.status().name());
        m.setHeader(ConnectorHeaders.ALREADY_EXISTED, r.alreadyExisted());
        setOrRemove(m, ConnectorHeaders.DOCUMENT_NUMBER, r.documentNumber());
        setOrRemove(m, ConnectorHeaders.REASON, r.reason());
        exchange.setProperty(ConnectorHeaders.OUTCOME, r);
    }

    private <Q> OperationResult run(Operation<Q> op, Exchange exchange) {
        return op.invoke(endpoint.connector(), HubConnectorEndpoint.request(op, exchange));
    }

    private static void setOrRemove(Message m, String name, String value) {
        if (value == null) {
            m.removeHeader(name);
        } else {
            m.setHeader(name, value);
        }
    }
}
