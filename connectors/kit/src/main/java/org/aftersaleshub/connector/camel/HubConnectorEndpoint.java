package org.aftersaleshub.connector.camel;

import java.util.Map;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.operation.Operation;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code <type>:<instance>?operation=<op>}: a producer that hands the message to one operation of one connector
 * instance (see {@link HubConnectorComponent}).
 */
public class HubConnectorEndpoint extends DefaultEndpoint implements ContractedEndpoint {

    private final String instance;
    private final Operation<?> operation;
    private final Map<String, String> options;
    private volatile HubConnector connector;

    HubConnectorEndpoint(HubConnectorComponent component, String instance, Operation<?> operation,
                         Map<String, String> options) {
        // the endpoint is known by type, instance and operation only: options may carry secrets, and the URI is what
        // Camel shows in logs, errors and route dumps
        super(component.type() + ":" + instance + "?operation=" + operation.name(), component);
        this.instance = instance;
        this.operation = operation;
        this.options = Map.copyOf(options);
    }

    @Override
    public HubConnectorComponent getComponent() {
        return (HubConnectorComponent) super.getComponent();
    }

    public String getInstance() {
        return instance;
    }

    public Operation<?> getOperation() {
        return operation;
    }

    @Override
    public String deliveryTarget() {
        return instance;
    }

    @Override
    public String operationName() {
        return operation.name();
    }

    @Override
    public String idempotencyKey(Exchange exchange) {
        return keyOf(operation, exchange);
    }

    private static <Q> String keyOf(Operation<Q> op, Exchange exchange) {
        return op.idempotencyKey(request(op, exchange));
    }

    /**
     * A write's request read from one body, kept so its key (read by the delivery contract before the call) and the
     * call parse the event once. Reads are not kept: they may take their request from headers.
     */
    private record Parsed(Operation<?> op, Object body, Object request) {
    }

    private static final String PARSED = "HubConnectorRequest";

    @SuppressWarnings("unchecked")
    static <Q> Q request(Operation<Q> op, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Parsed p = exchange.getProperty(PARSED, Parsed.class);
        if (op.writes() && p != null && p.op() == op && p.body() == body) {
            return (Q) p.request();
        }
        try {
            Q request = op.request(body, exchange.getMessage()::getHeader);
            if (op.writes()) {
                exchange.setProperty(PARSED, new Parsed(op, body, request));
            }
            return request;
        } catch (IllegalArgumentException e) {
            // bad input does not get better with retries: straight to the dead letters, with the reason
            throw new ConnectorException("hub", Outcome.NOT_RETRYABLE, e.getMessage());
        }
    }

    /**
     * The shared instance this endpoint names. Declared instances are used as they are; an endpoint with its own
     * options starts the instance only when nobody declared it.
     */
    public HubConnector connector() {
        HubConnector c = connector;
        if (c != null) {
            return c;
        }
        HubConnectorComponent component = getComponent();
        ConnectorInstances instances = component.instances();
        var declared = instances.get(instance);
        if (declared.isPresent()) {
            if (!declared.get().type().equals(component.type())) {
                throw new IllegalArgumentException("connector instance '" + instance + "' is a "
                        + declared.get().type() + " connector; call it as " + declared.get().type() + ":" + instance
                        + "?operation=" + operation.name());
            }
            if (!options.isEmpty()) {
                throw new IllegalArgumentException(component.type() + ":" + instance + " sets connector keys "
                        + options.keySet() + " on the endpoint, but the instance '" + instance + "' is declared in "
                        + "the configuration; set them there (hub.connectors." + instance + ".*): a second "
                        + "connector would get its own token cache and rate budget");
            }
            c = declared.get().connector();
        } else {
            if (options.isEmpty()) {
                throw new IllegalArgumentException("no connector instance named '" + instance + "'; declared: "
                        + instances.names() + HubConnectorComponent.didYouMean(instance, instances.names())
                        + ". Declare it under hub.connectors." + instance + " (type: " + component.type() + ")");
            }
            HubConnector probe = component.factory().get();
            var problems = probe.validateParameters(options);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(component.type() + ":" + instance + " cannot start:\n  "
                        + problems.stream().map(HubConnectorEndpoint::explain).collect(Collectors.joining("\n  ")));
            }
            c = instances.getOrStart(instance, component.factory(), options).connector();
        }
        connector = c;
        return c;
    }

    private static String explain(ConfigProblem p) {
        String suffix = p.key().substring(p.key().indexOf('.') + 1);
        return "option " + org.aftersaleshub.connector.config.OptionNames.camelCase(suffix) + " (" + p.key() + "): "
                + p.hint() + " [" + p.rule() + "]";
    }

    @Override
    public Producer createProducer() {
        connector(); // fail at route start, naming the instance, not on the first message
        return new HubConnectorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " only sends; use it in to: or toD:");
    }

    @Override
    public boolean isRemote() {
        return true;
    }
}
