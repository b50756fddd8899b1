package org.aftersaleshub.ticket;

import org.aftersaleshub.web.ApiH2IntegrationTest;

/** {@link TicketApiContract} on the embedded default (H2 file database). */
class TicketApiH2Test extends ApiH2IntegrationTest implements TicketApiContract {
}
