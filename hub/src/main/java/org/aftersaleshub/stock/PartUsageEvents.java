package org.aftersaleshub.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartReturned;
import org.aftersaleshub.ticket.TicketService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The hub's own steps of the {@code erp-stock} route — reading the part usage out of the event and recording what
 * the ERP answered on the usage. The call to the ERP itself is an endpoint in the YAML.
 */
@Component("partUsageEvents")
public class PartUsageEvents {

    /** Header set by {@link #describe}: the part-usage id (the ERP write's idempotency key). */
    public static final String USAGE_ID = "hubUsageId";
    /** Header set by {@link #describe}: the hub part SKU. */
    public static final String PART_SKU = "hubPartSku";
    /** Header set by {@link #describe}: the hub warehouse code. */
    public static final String WAREHOUSE = "hubWarehouse";

    private final ObjectMapper mapper;
    private final TicketService tickets;
    private final DeliveryAttempts attempts;

    public PartUsageEvents(ObjectMapper mapper, TicketService tickets, DeliveryAttempts attempts) {
        this.mapper = mapper;
        this.tickets = tickets;
        this.attempts = attempts;
    }

    /**
     * Sets the headers {@code hubUsageId}, {@code hubPartSku} and {@code hubWarehouse} from a PartConsumed or
     * PartReturned event, so the route can filter and resolve the ERP instance by them.
     */
    public void describe(Exchange ex) throws Exception {
        EventEnvelope event = mapper.readValue(ex.getProperty(DeliveryProperties.EVENT_JSON, String.class),
                EventEnvelope.class);
        PartUsage usage = event.data() instanceof PartConsumed c ? c.usage()
                : event.data() instanceof PartReturned r ? r.usage() : null;
        if (usage == null) {
            throw new IllegalArgumentException("not a part-usage event: " + event.type());
        }
        Message m = ex.getMessage();
        m.setHeader(USAGE_ID, usage.id());
        m.setHeader(PART_SKU, usage.partSku());
        m.setHeader(WAREHOUSE, usage.warehouse());
    }

    /** After {@code operation=deduct}: DEDUCTED with the ERP's document number, or FAILED with its message. */
    public void recordDeduction(Exchange ex) {
        Message m = ex.getMessage();
        String usageId = m.getHeader(USAGE_ID, String.class);
        if ("DONE".equals(m.getHeader(ConnectorHeaders.OUTCOME, String.class))) {
            tickets.recordDeducted(usageId, m.getHeader(ConnectorHeaders.DOCUMENT_NUMBER, String.class));
        } else {
            tickets.recordDeductionFailed(usageId, m.getHeader(ConnectorHeaders.REASON, String.class));
        }
    }

    /**
     * Before {@code operation=return}: true when the usage's deduction is booked and can be compensated. A usage
     * whose deduction FAILED has nothing to return (an inbound would invent stock): journaled as refused, false. A
     * deduction still retrying or dead-lettered makes the return wait (retried, then a dead letter of its own), so a
     * replayed deduction can never land after its return.
     */
    public boolean returnable(Exchange ex) {
        String usageId = ex.getMessage().getHeader(USAGE_ID, String.class);
        PartUsageState state = tickets.usageState(usageId).orElse(PartUsageState.PENDING);
        String instance = ex.getMessage().getHeader(ErpWarehouses.ERP_INSTANCE, String.class);
        if (state == PartUsageState.FAILED) {
            attempts.refusedWithoutCall(ex, instance, usageId + ":return", "nothing to return: the deduction of "
                    + usageId + " failed and booked no outbound document (扣减失败，无需退料)");
            return false;
        }
        if (state == PartUsageState.PENDING) {
            // journaled and dead-lettered as the return (its instance and key), to be replayed after the deduction
            throw new DeductionNotBookedYetException(usageId, instance);
        }
        return true;
    }

    /** After {@code operation=return}: REVERSED when the ERP booked the compensating document. */
    public void recordReturn(Exchange ex) {
        if ("DONE".equals(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME, String.class))) {
            tickets.recordReversed(ex.getMessage().getHeader(USAGE_ID, String.class));
        }
    }
}
