package org.aftersaleshub.delivery;

import java.net.URI;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ContractedEndpoint;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.operation.OperationResult;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.EndpointStrategy;
import org.springframework.stereotype.Component;

/**
 * The delivery contract, put around every endpoint that reaches outside the hub — every connector endpoint
 * ({@code kingdee:kingdee-sh?operation=deduct}) and every {@code http:}/{@code https:} endpoint — when the endpoint
 * is created, so a route written only in YAML gets it without naming it. Each send through such an endpoint:
 * <ol>
 *   <li>is marked as an attempt of an external effect with its target and its stable idempotency key: the
 *       connector's key for the operation (the part-usage id for an ERP write), or for HTTP the request's
 *       {@code Idempotency-Key} header, set to {@code <event id>:<target>} when the route did not set one;</li>
 *   <li>gets a journal row when it succeeds ({@code SUCCESS}, or {@code REFUSED} with the system's reason when a
 *       connector answered {@code FAILED}); failures are journaled by the shared error handler
 *       ({@code hub-error-handling}), which also bounds the retries and files the dead letter under the same target
 *       and key.</li>
 * </ol>
 * The route loader refuses routes that would call such an endpoint outside this contract (see
 * {@code routing.DeliveryContractRules}).
 */
@Component
public class DeliveryContract implements EndpointStrategy {

    /** Exchange property a step may set to name an HTTP target (the configured webhook receiver's name). */
    public static final String HTTP_TARGET = "hubHttpTarget";
    /** Exchange property a step may set to add a note to the call's success row (a digest names what it carries). */
    public static final String JOURNAL_NOTE = "hubJournalNote";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final DeliveryAttempts attempts;

    public DeliveryContract(DeliveryAttempts attempts) {
        this.attempts = attempts;
    }

    /** True for endpoints the contract covers: connector endpoints and HTTP. */
    public static boolean covers(Endpoint endpoint) {
        return endpoint instanceof ContractedEndpoint || endpoint.getComponent() instanceof HubConnectorComponent
                || isHttp(endpoint);
    }

    static boolean isHttp(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        return uri.startsWith("http:") || uri.startsWith("https:") || uri.startsWith("http://")
                || uri.startsWith("https://");
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof ContractEndpointView || !covers(endpoint)) {
            return endpoint;
        }
        return new ContractEndpoint(endpoint, this);
    }

    /** Before the call: target and key, attempt counted (a redelivery of the same call keeps counting). */
    void before(Endpoint target, Exchange ex) {
        if (target instanceof ContractedEndpoint c) {
            String key = c.idempotencyKey(ex);
            String event = ex.getProperty(MessageHeaders.EVENT_ID, String.class);
            attempts.begin(ex, c.deliveryTarget(), key != null ? key
                    : c.operationName() + ":" + (event == null ? ex.getExchangeId() : event));
            return;
        }
        String name = ex.getProperty(HTTP_TARGET, String.class);
        String httpTarget = name != null ? name : describe(ex, target);
        String key = ex.getMessage().getHeader(IDEMPOTENCY_HEADER, String.class);
        if (key == null || key.isBlank()) {
            String event = ex.getProperty(MessageHeaders.EVENT_ID, String.class);
            key = (event == null ? ex.getExchangeId() : event) + ":" + httpTarget;
            ex.getMessage().setHeader(IDEMPOTENCY_HEADER, key);
        }
        attempts.begin(ex, httpTarget, key);
    }

    /** After a call that threw nothing: the effect is confirmed, or refused for good by a connector. */
    void after(Endpoint target, Exchange ex) {
        if (target instanceof ContractedEndpoint) {
            OperationResult r = ex.getProperty(ConnectorHeaders.OUTCOME, OperationResult.class);
            String note = ex.getProperty(JOURNAL_NOTE, String.class);
            note = note == null ? "" : "; " + note;
            if (r != null && !r.isDone()) {
                attempts.refused(ex, r.reason() + note);
            } else {
                attempts.succeeded(ex, (r == null ? "done" : r.summary()) + note);
            }
            ex.removeProperty(ConnectorHeaders.OUTCOME);
            return;
        }
        attempts.succeeded(ex);
    }

    /** {@code host[:port]/path} of the request, never its query or user info (they may carry credentials). */
    static String describe(Exchange ex, Endpoint endpoint) {
        String raw = ex.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (raw == null || raw.isBlank()) {
            raw = endpoint.getEndpointUri();
        }
        try {
            URI u = URI.create(raw.replaceFirst("^(https?):(?!//)", "$1://"));
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            String s = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + path;
            return s.length() > 200 ? s.substring(0, 200) : s;
        } catch (IllegalArgumentException e) {
            return "http";
        }
    }
}
