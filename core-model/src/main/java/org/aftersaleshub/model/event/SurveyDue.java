package org.aftersaleshub.model.event;

/** A satisfaction survey should be sent. */
public record SurveyDue(String ticketId, String customerId) implements HubEvent {
}
