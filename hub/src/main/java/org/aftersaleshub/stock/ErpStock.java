package org.aftersaleshub.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartReturned;
import org.aftersaleshub.ticket.TicketService;
import org.apache.camel.Exchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.stereotype.Component;

/**
 * The step of the {@code erp-stock} route: books a PartConsumed as one outbound document and a PartReturned as one
 * compensating inbound document in the configured ERP, keyed by the part-usage id, serialised per part and
 * warehouse, and records the outcome on the usage (DEDUCTED with the document number, FAILED with the ERP's message,
 * REVERSED). A retryable failure propagates to the shared error handler, which retries with the same key and
 * finally dead-letters; the connector never writes twice for one key.
 */
@Component("erpStock")
@ConditionalOnBean(name = "erpConnector")
public class ErpStock {

    private final HubConnector connector;
    private final StockDeductions deductions;
    private final PartLocks locks;
    private final TicketService tickets;
    private final DeliveryAttempts attempts;
    private final ObjectMapper mapper;

    public ErpStock(HubConnector erpConnector, PartLocks locks, TicketService tickets, DeliveryAttempts attempts,
                    ObjectMapper mapper) {
        this.connector = erpConnector;
        this.deductions = erpConnector.as(StockDeductions.class).orElseThrow(() -> new IllegalStateException(
                "hub.erp.connector=" + erpConnector.name() + " cannot book stock deductions"));
        this.locks = locks;
        this.tickets = tickets;
        this.attempts = attempts;
        this.mapper = mapper;
    }

    /** Books the event the route received (a PartConsumed or a PartReturned). */
    public void book(Exchange ex) throws Exception {
        EventEnvelope event = mapper.readValue(ex.getProperty(DeliveryProperties.EVENT_JSON, String.class),
                EventEnvelope.class);
        if (event.data() instanceof PartConsumed consumed) {
            PartUsage usage = consumed.usage();
            attempts.begin(ex, connector.name(), usage.id());
            DeductionResult result = locks.withLock(usage.partSku(), usage.warehouse(), () -> {
                DeductionResult r = deductions.deduct(DeductionRequest.of(usage));
                if (r.isDone()) {
                    tickets.recordDeducted(usage.id(), r.documentNumber());
                } else {
                    tickets.recordDeductionFailed(usage.id(), r.reason());
                }
                return r;
            });
            report(ex, result, "outbound document ");
        } else if (event.data() instanceof PartReturned returned) {
            PartUsage usage = returned.usage();
            attempts.begin(ex, connector.name(), usage.id() + ":return");
            PartUsageState state = tickets.usageState(usage.id()).orElse(PartUsageState.PENDING);
            if (state == PartUsageState.FAILED) {
                // the ERP refused the deduction, so it holds nothing to compensate; an inbound would invent stock
                attempts.refused(ex, "nothing to return: the deduction of " + usage.id() + " failed and booked no "
                        + "outbound document (扣减失败，无需退料)");
                return;
            }
            if (state == PartUsageState.PENDING) {
                // the deduction is still retrying or dead-lettered: compensate only once it is booked, so a replayed
                // deduction can never land after its return
                throw new DeductionNotBookedYetException(usage.id());
            }
            DeductionResult result = locks.withLock(usage.partSku(), usage.warehouse(), () -> {
                DeductionResult r = deductions.compensate(ReturnRequest.of(returned));
                if (r.isDone()) {
                    tickets.recordReversed(usage.id());
                }
                return r;
            });
            report(ex, result, "inbound document ");
        }
    }

    private void report(Exchange ex, DeductionResult result, String what) {
        if (result.isDone()) {
            attempts.succeeded(ex, what + result.documentNumber() + (result.alreadyExisted() ? " (already booked)" : ""));
        } else {
            attempts.refused(ex, result.reason());
        }
    }
}
