/**
 * The ticket store and its REST API ({@code /api/v1/tickets}): create, read, list, status changes along the
 * {@link org.aftersaleshub.model.TicketStatus} state machine, assignment, part usages and returns, cancellation.
 * Every change writes its rows, its status history and its event (through the outbox) in one transaction, and
 * bumps the ticket version, which is the event's per-ticket sequence.
 */
package org.aftersaleshub.ticket;
