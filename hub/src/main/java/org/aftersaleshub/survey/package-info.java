/**
 * Satisfaction surveys (满意度调查): {@code hub.survey.delay} after a ticket is RESOLVED a durable timer writes
 * {@code SurveyRequested} with a signed, expiring link to the survey page {@code /survey/<token>}; the customer's
 * score (1–5) and comment land on the ticket, and a low score tells the supervisor. docs/sla.md, "Surveys".
 */
package org.aftersaleshub.survey;
