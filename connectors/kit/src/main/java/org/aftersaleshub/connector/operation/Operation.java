package org.aftersaleshub.connector.operation;

import java.util.Objects;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;

/**
 * One thing a route can ask of a connector instance ({@code <type>:<instance>?operation=<name>}): its name (the same
 * across connectors of a capability: {@code deduct}, {@code return}, {@code stock}), the request it takes, the
 * stable idempotency key of a request (what the delivery contract journals and dead-letters it under, and what the
 * connector keys the external effect with), and the call itself.
 *
 * @param <Q> the request type
 */
public abstract class Operation<Q> {

    private final String name;
    private final Capability capability;
    private final boolean writes;
    private final String description;

    protected Operation(String name, Capability capability, boolean writes, String description) {
        this.name = Objects.requireNonNull(name);
        this.capability = Objects.requireNonNull(capability);
        this.writes = writes;
        this.description = description;
    }

    /** The endpoint's {@code operation} option value. */
    public final String name() {
        return name;
    }

    /** Offered by connectors with this capability. */
    public final Capability capability() {
        return capability;
    }

    /** True when the operation changes the external system (and therefore has an idempotency key). */
    public final boolean writes() {
        return writes;
    }

    /** One sentence for the route guide: body in, body and headers out. */
    public final String description() {
        return description;
    }

    /**
     * The request from a message: its body (the event JSON as the route received it, the event, the model object or
     * the request itself) and, where the body does not say, its headers.
     *
     * @throws IllegalArgumentException naming what the body or headers must be
     */
    public abstract Q request(Object body, Function<String, Object> headers);

    /** The stable key of the effect (the same on every retry and replay), or null for a read. */
    public abstract String idempotencyKey(Q request);

    /** Calls the connector. Retryable failures are {@link org.aftersaleshub.connector.ConnectorException}s. */
    public abstract OperationResult invoke(HubConnector connector, Q request);

    @Override
    public String toString() {
        return name;
    }
}
