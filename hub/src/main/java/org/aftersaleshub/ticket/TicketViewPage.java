package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of tickets as the API answers it, newest first, each with its device's warranty state.
 *
 * @param items the tickets on this page
 * @param page  zero-based page number
 * @param size  page size asked for
 * @param total number of tickets matching the filters
 */
@Schema(description = "A page of tickets, newest first.")
public record TicketViewPage(List<TicketView> items, int page, int size, long total) {
}
