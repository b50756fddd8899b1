package org.aftersaleshub.model.event;

/**
 * The customer answered the satisfaction survey; the score is on the ticket ({@code satisfactionScore}).
 *
 * @param score   1 (very dissatisfied) to 5 (very satisfied)
 * @param comment the customer's words, up to 500 characters, or null
 * @param low     true when the score is at or below {@code hub.survey.low-score}: the supervisor is told
 */
public record SurveyAnswered(String ticketId, int score, String comment, boolean low) implements HubEvent {
}
