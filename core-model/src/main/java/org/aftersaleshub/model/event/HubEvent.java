package org.aftersaleshub.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * The payload of an event. Each type's JSON name is its simple class name (e.g. {@code TicketCreated}); the
 * name travels as the envelope's {@code type}.
 */
@JsonSubTypes({
        @JsonSubTypes.Type(value = TicketCreated.class, name = "TicketCreated"),
        @JsonSubTypes.Type(value = TicketAssigned.class, name = "TicketAssigned"),
        @JsonSubTypes.Type(value = TicketAccepted.class, name = "TicketAccepted"),
        @JsonSubTypes.Type(value = TicketStatusChanged.class, name = "TicketStatusChanged"),
        @JsonSubTypes.Type(value = TicketResolved.class, name = "TicketResolved"),
        @JsonSubTypes.Type(value = TicketClosed.class, name = "TicketClosed"),
        @JsonSubTypes.Type(value = TicketCancelled.class, name = "TicketCancelled"),
        @JsonSubTypes.Type(value = TicketPriorityChanged.class, name = "TicketPriorityChanged"),
        @JsonSubTypes.Type(value = PartConsumed.class, name = "PartConsumed"),
        @JsonSubTypes.Type(value = PartReturned.class, name = "PartReturned"),
        @JsonSubTypes.Type(value = PartDeductionFailed.class, name = "PartDeductionFailed"),
        @JsonSubTypes.Type(value = SlaWarning.class, name = "SlaWarning"),
        @JsonSubTypes.Type(value = SlaBreached.class, name = "SlaBreached"),
        @JsonSubTypes.Type(value = SurveyDue.class, name = "SurveyDue"),
        @JsonSubTypes.Type(value = SurveyRequested.class, name = "SurveyRequested"),
        @JsonSubTypes.Type(value = SurveyAnswered.class, name = "SurveyAnswered"),
        @JsonSubTypes.Type(value = CustomerChanged.class, name = "CustomerChanged"),
        @JsonSubTypes.Type(value = StockLow.class, name = "StockLow"),
        @JsonSubTypes.Type(value = CardActionHandled.class, name = "CardActionHandled"),
        @JsonSubTypes.Type(value = DispatchUnmatched.class, name = "DispatchUnmatched")
})
public sealed interface HubEvent permits TicketCreated, TicketAssigned, TicketAccepted, TicketStatusChanged,
        TicketResolved, TicketClosed, TicketCancelled, TicketPriorityChanged, PartConsumed, PartReturned, PartDeductionFailed, SlaWarning, SlaBreached, SurveyDue, SurveyRequested, SurveyAnswered,
        CustomerChanged, StockLow, CardActionHandled, DispatchUnmatched {

    /** The type name carried in the envelope. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The ticket this event belongs to (its ordering key), or null for events outside any ticket. */
    String ticketId();

    /** All event types, for schema generation and documentation. */
    static java.util.List<Class<? extends HubEvent>> types() {
        return java.util.Arrays.stream(HubEvent.class.getPermittedSubclasses())
                .<Class<? extends HubEvent>>map(c -> c.asSubclass(HubEvent.class)).toList();
    }
}
