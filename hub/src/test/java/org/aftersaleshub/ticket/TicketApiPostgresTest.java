package org.aftersaleshub.ticket;

import org.aftersaleshub.web.ApiPostgresIntegrationTest;

/** {@link TicketApiContract} on PostgreSQL (profile prod). */
class TicketApiPostgresTest extends ApiPostgresIntegrationTest implements TicketApiContract {
}
