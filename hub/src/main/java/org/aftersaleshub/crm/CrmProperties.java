package org.aftersaleshub.crm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.crm.*}: which CRM instance the customer flows use and how the hub's customers map onto its records
 * (application.yaml documents every key; docs/crm.md the flows).
 *
 * @param instance                   the CRM connector instance; empty: the one declared CRM instance
 * @param accountObject              the CRM object customers are ({@code AccountObj})
 * @param externalKeyField           the field of that object holding the hub's customer id ({@code account_no})
 * @param fields                     CRM field per hub field: name, phone, address (CRM-owned), tier, region
 *                                   (hub-owned, written to the CRM; absent or empty: not written)
 * @param matchBy                    match order for an unknown customer
 * @param contactObject              the contact object ({@code ContactObj})
 * @param contactAccountField        its field naming the customer record
 * @param contactNameField           its name field
 * @param contactPhoneField          its phone field
 * @param serviceHistoryObject       the object of the service-history records ({@code ServiceTicket__c})
 * @param serviceHistoryKeyField     its field holding the hub's ticket id
 * @param serviceHistoryFields       CRM field per ticket fact (number, customer, fault-type, status, resolution,
 *                                   satisfaction, resolved-at); absent: not written
 * @param poll                       the polling reconciliation
 */
@ConfigurationProperties("hub.crm")
public record CrmProperties(String instance, String accountObject, String externalKeyField, Map<String, String> fields,
                            List<MatchBy> matchBy, String contactObject, String contactAccountField,
                            String contactNameField, String contactPhoneField, String serviceHistoryObject,
                            String serviceHistoryKeyField, Map<String, String> serviceHistoryFields, Poll poll) {

    /** The ways an unknown customer is matched. */
    public enum MatchBy {
        /** The hub's customer id in the external-key field. */
        EXTERNAL_ID,
        /** The ticket's reporter phone, else the customer's phone, in the phone field. */
        PHONE,
        /** The customer's name as the hub has it. */
        NAME
    }

    /**
     * @param enabled     poll at all (default true)
     * @param interval    pause between polls (default 1m)
     * @param initialDelay first poll after start (default 20s)
     * @param pageSize    records per page (default 100, the CRM's maximum)
     * @param maxDuration a poll not finished after this is taken as crashed (default 10m)
     */
    public record Poll(Boolean enabled, Duration interval, Duration initialDelay, Integer pageSize,
                       Duration maxDuration) {
        public Poll {
            enabled = enabled == null || enabled;
            interval = interval == null || interval.isNegative() || interval.isZero() ? Duration.ofMinutes(1) : interval;
            initialDelay = initialDelay == null || initialDelay.isNegative() ? Duration.ofSeconds(20) : initialDelay;
            pageSize = pageSize == null || pageSize < 1 || pageSize > 100 ? 100 : pageSize;
            maxDuration = maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()
                    ? Duration.ofMinutes(10) : maxDuration;
        }
    }

    public CrmProperties {
        instance = instance == null ? "" : instance.trim();
        accountObject = orDefault(accountObject, "AccountObj");
        externalKeyField = orDefault(externalKeyField, "account_no");
        Map<String, String> f = new LinkedHashMap<>(Map.of("name", "name", "phone", "tel", "address", "address"));
        if (fields != null) {
            f.putAll(fields);
        }
        fields = Map.copyOf(f);
        matchBy = matchBy == null || matchBy.isEmpty() ? List.of(MatchBy.EXTERNAL_ID, MatchBy.PHONE, MatchBy.NAME)
                : List.copyOf(matchBy);
        contactObject = orDefault(contactObject, "ContactObj");
        contactAccountField = orDefault(contactAccountField, "account_id");
        contactNameField = orDefault(contactNameField, "name");
        contactPhoneField = orDefault(contactPhoneField, "mobile1");
        serviceHistoryObject = orDefault(serviceHistoryObject, "ServiceTicket__c");
        serviceHistoryKeyField = orDefault(serviceHistoryKeyField, "ticket_id__c");
        serviceHistoryFields = serviceHistoryFields == null || serviceHistoryFields.isEmpty()
                ? Map.of("number", "name", "customer", "account_id") : Map.copyOf(serviceHistoryFields);
        poll = poll == null ? new Poll(null, null, null, null, null) : poll;
    }

    /** The CRM field of a hub field, or null when it is not mapped. */
    public String field(String hubField) {
        String f = fields.get(hubField);
        return f == null || f.isBlank() ? null : f;
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim();
    }
}
