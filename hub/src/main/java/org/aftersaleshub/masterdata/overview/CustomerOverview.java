package org.aftersaleshub.masterdata.overview;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.masterdata.customer.Customer;
import org.aftersaleshub.masterdata.device.Device;

/**
 * Everything about one customer (客户全景).
 *
 * @param customer             the customer with its contacts
 * @param devices              its devices with their warranty state today, by serial
 * @param openTickets          its open tickets (NEW .. WAITING_PARTS): count and one page, newest first
 * @param pastTickets          its finished tickets (RESOLVED, CLOSED, CANCELLED): count and one page, newest first
 * @param partsUsed            the spare parts used on its tickets (usages not failed or returned), by SKU
 * @param averageSatisfaction  mean satisfaction score (1..5) of its answered surveys; null when there is none
 * @param satisfactionAnswers  how many of its tickets have a satisfaction score
 * @param crm                  its record in the CRM
 */
@Schema(description = "The customer 360° overview (客户全景).")
public record CustomerOverview(Customer customer, List<Device> devices, Tickets openTickets, Tickets pastTickets,
                               List<PartUsed> partsUsed,
                               @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal averageSatisfaction,
                               long satisfactionAnswers,
                               CrmLink crm) {

    /** A count and one page of ticket summaries, newest first. */
    public record Tickets(long count, int page, int size, List<TicketSummary> items) {
    }

    /** The parts of a ticket a person scans in a list. */
    public record TicketSummary(String id, String number, String status, String faultType, String deviceSerial,
                                String region, Instant createdAt, Instant updatedAt, Integer satisfactionScore) {
    }

    /**
     * @param sku      the part
     * @param name     its name in the master data, null when it is not there
     * @param quantity total used, in {@code unit}
     * @param unit     the unit the usages were recorded in
     * @param usages   how many usages
     */
    public record PartUsed(String sku, String name, BigDecimal quantity, String unit, long usages) {
    }

    /**
     * @param crmId the record's id in the CRM, null when not linked
     * @param url   the record's page in the CRM ({@code hub.crm.record-url-template} with {crmId} filled in); null
     *              when not linked or no template is configured
     */
    public record CrmLink(String crmId, String url) {
    }
}
