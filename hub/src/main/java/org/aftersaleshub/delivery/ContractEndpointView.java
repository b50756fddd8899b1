package org.aftersaleshub.delivery;

import org.apache.camel.Endpoint;

/** An endpoint the delivery contract wraps; {@link #target()} is the endpoint inside. */
public interface ContractEndpointView {

    Endpoint target();
}
