/**
 * Dispatch (自动派工): on {@code TicketCreated} the rules in {@code rules/dispatch.yaml} pick an engineer — match on
 * region, fault type, product line, priority, customer tier and warranty; choose by team and skills, then least open
 * load, then a round robin whose position is a database row — and the ticket is assigned like any other assignment
 * ({@code TicketAssigned}, the rule named in the timeline). Nobody found: the fallback team or queue, and a notice to
 * the region's supervisors.
 */
package org.aftersaleshub.dispatch;
