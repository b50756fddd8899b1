/**
 * Customers kept in step with the CRM (docs/crm.md): the hub's side of the CRM connector (connectors/crm).
 * <ul>
 *   <li>routes/crm-customer-match.yaml: a ticket for a customer the hub does not know (or knows without a CRM id) →
 *       matched in the CRM ({@code hub.crm.match-by}) and the customer created or enriched from the record;</li>
 *   <li>routes/crm-customer-upsert.yaml: {@code CustomerChanged} → one upsert by the hub's id in
 *       {@code hub.crm.external-key-field}, nothing when the fields sent last time are unchanged;</li>
 *   <li>routes/crm-service-history.yaml: {@code TicketResolved} / {@code TicketClosed} → one service-history record
 *       per ticket;</li>
 *   <li>{@link org.aftersaleshub.crm.CrmChangeEvents}: the CRM's data-change callbacks (received, verified and
 *       deduplicated by the imcallback machinery) and {@link org.aftersaleshub.crm.CrmPoller}'s reconciliation
 *       both apply a CRM record through {@link org.aftersaleshub.crm.CrmCustomers}.</li>
 * </ul>
 * <b>Field ownership</b>: the CRM owns a customer's identity and contact fields (name, phone, address, contacts, the
 * CRM id) — only this package writes them; the hub owns the service data (tier, region, devices, tickets), which the
 * CRM never overwrites. {@link org.aftersaleshub.crm.CustomerEvents#changed(String)} is how any other part of the hub
 * announces a customer change.
 */
package org.aftersaleshub.crm;
