package org.aftersaleshub.routing;

import org.apache.camel.Predicate;
import org.apache.camel.Processor;

/**
 * What {@link HubErrorHandling} does with a call a send budget refused (the kit's
 * {@link org.aftersaleshub.connector.ratelimit.BudgetExhaustedException}: nothing was sent): when the predicate
 * matches the failed exchange, the processor parks the message durably instead of retrying it — waiting for a budget
 * is not a delivery attempt and never ends in a dead letter. The staff notices implement it
 * ({@code notify.waiting.NoticeParking}); without an implementation the signal is an ordinary RETRYABLE failure.
 */
public interface BudgetWait extends Predicate, Processor {
}
