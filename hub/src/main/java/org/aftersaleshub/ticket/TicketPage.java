package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.aftersaleshub.model.Ticket;

/**
 * One page of tickets, newest first.
 *
 * @param items the tickets on this page
 * @param page  zero-based page number
 * @param size  page size asked for
 * @param total number of tickets matching the filters
 */
@Schema(description = "A page of tickets, newest first.")
public record TicketPage(List<Ticket> items, int page, int size, long total) {
}
