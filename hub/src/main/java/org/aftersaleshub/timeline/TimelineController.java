package org.aftersaleshub.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.aftersaleshub.ticket.TicketProblems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tickets/{id}/timeline} (scope tickets:read). */
@RestController
@Tag(name = "Tickets")
public class TimelineController {

    private final TimelineService service;

    public TimelineController(TimelineService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/tickets/{id}/timeline")
    @Operation(summary = "Status changes and delivery attempts of a ticket, in time order")
    public List<TimelineEntry> timeline(@PathVariable String id) {
        return service.timeline(id).orElseThrow(() -> TicketProblems.ticketNotFound(id));
    }
}
