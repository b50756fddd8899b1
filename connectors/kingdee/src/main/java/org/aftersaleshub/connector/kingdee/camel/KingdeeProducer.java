package org.aftersaleshub.connector.kingdee.camel;

import org.aftersaleshub.connector.kingdee.KingdeeConnector;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartReturned;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Delegates to the connector. A FAILED deduction is a normal reply (body {@link DeductionResult}, header
 * {@code KingdeeResultStatus=FAILED}) for the route to record; a retryable
 * {@link org.aftersaleshub.connector.ConnectorException} propagates so the route's error handler redelivers with the
 * same usage id.
 */
public class KingdeeProducer extends DefaultProducer {

    public KingdeeProducer(KingdeeEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public KingdeeEndpoint getEndpoint() {
        return (KingdeeEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        KingdeeConnector connector = getEndpoint().connector();
        Message in = exchange.getIn();
        Object body = in.getBody();
        switch (getEndpoint().getOperation()) {
            case DEDUCT -> {
                DeductionRequest request = body instanceof DeductionRequest d ? d
                        : body instanceof PartConsumed e ? DeductionRequest.of(e.usage())
                        : body instanceof PartUsage u ? DeductionRequest.of(u) : null;
                if (request == null) {
                    throw new InvalidPayloadException(exchange, PartConsumed.class);
                }
                reply(in, connector.deduct(request));
            }
            case RETURN -> {
                ReturnRequest request = body instanceof ReturnRequest r ? r
                        : body instanceof PartReturned e ? ReturnRequest.of(e) : null;
                if (request == null) {
                    throw new InvalidPayloadException(exchange, PartReturned.class);
                }
                reply(in, connector.compensate(request));
            }
            case STOCK -> {
                StockQuery query = body instanceof StockQuery q ? q : null;
                if (query == null) {
                    String sku = in.getHeader(KingdeeConstants.PART_SKU, String.class);
                    String warehouse = in.getHeader(KingdeeConstants.WAREHOUSE, String.class);
                    if (sku == null || warehouse == null) {
                        throw new IllegalArgumentException("kingdee:stock needs a StockQuery body or the headers "
                                + KingdeeConstants.PART_SKU + " and " + KingdeeConstants.WAREHOUSE);
                    }
                    query = StockQuery.of(sku, warehouse);
                }
                in.setBody(connector.stockLevel(query));
            }
            default -> throw new IllegalStateException(getEndpoint().getOperation().name());
        }
    }

    private static void reply(Message in, DeductionResult result) {
        in.setBody(result);
        in.setHeader(KingdeeConstants.RESULT_STATUS, result.status().name());
        if (result.documentNumber() != null) {
            in.setHeader(KingdeeConstants.DOCUMENT_NUMBER, result.documentNumber());
        }
    }
}
