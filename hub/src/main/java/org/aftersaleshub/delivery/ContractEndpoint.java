package org.aftersaleshub.delivery;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * An external endpoint with the {@link DeliveryContract} around its producer: before each send the attempt is
 * marked with target and key, after a send that threw nothing it is journaled. Everything else is the wrapped
 * endpoint's.
 */
final class ContractEndpoint extends DefaultEndpoint implements ContractEndpointView {

    private final Endpoint target;
    private final DeliveryContract contract;

    ContractEndpoint(Endpoint target, DeliveryContract contract) {
        super(target.getEndpointUri(), target.getComponent());
        this.target = target;
        this.contract = contract;
    }

    /** The endpoint inside the contract. */
    @Override
    public Endpoint target() {
        return target;
    }

    @Override
    public Producer createProducer() throws Exception {
        Producer inner = target.createProducer();
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                contract.before(target, exchange);
                inner.process(exchange);
                if (exchange.getException() == null) {
                    contract.after(target, exchange);
                }
            }

            @Override
            protected void doStart() throws Exception {
                ServiceHelper.startService(inner);
            }

            @Override
            protected void doStop() throws Exception {
                ServiceHelper.stopService(inner);
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        return target.createConsumer(processor);
    }

    @Override
    public boolean isRemote() {
        return target.isRemote();
    }

    @Override
    public boolean isLenientProperties() {
        return target.isLenientProperties();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(target);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(target);
    }
}
