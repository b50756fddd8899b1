package org.aftersaleshub.model.event;

import java.time.Instant;

/**
 * A satisfaction survey (满意度调查) is due for a resolved ticket: the outbound webhook carries it to whatever sends
 * SMS or WeChat messages to the customer.
 *
 * @param link      the survey page for the customer, signed and expiring ({@code <hub.public-base-url>/survey/<token>})
 * @param expiresAt when the link stops working
 * @param late      true when the hub sent it noticeably after it was due (it was down or behind)
 */
public record SurveyRequested(String ticketId, String customerId, String link, Instant expiresAt, boolean late)
        implements HubEvent {
}
