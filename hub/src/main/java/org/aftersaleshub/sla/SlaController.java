package org.aftersaleshub.sla;

import static org.aftersaleshub.support.Database.instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.DueTimers;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's SLA and labels: {@code GET /api/v1/tickets/{id}/sla}, {@code GET|POST /api/v1/tickets/{id}/labels}. */
@RestController
@RequestMapping(path = "/api/v1/tickets/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tickets", description = "Service tickets (工单), their status, assignment and part usages.")
@ApiResponse(responseCode = "404", description = "No such ticket",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class SlaController {

    private final TicketService tickets;
    private final TicketSlaStore store;
    private final TicketLabels labels;
    private final DueTimers timers;
    private final Clock clock;

    SlaController(TicketService tickets, TicketSlaStore store, TicketLabels labels, DueTimers timers, Clock clock) {
        this.tickets = tickets;
        this.store = store;
        this.labels = labels;
        this.timers = timers;
        this.clock = clock;
    }

    @GetMapping("/sla")
    @Operation(summary = "The ticket's SLA (服务时限)", description = "Policy, deadlines, whether the resolution time "
            + "is paused, labels, and the ticket's timers with their state and late flag.")
    @Transactional(readOnly = true)
    public SlaView sla(@PathVariable("id") UUID id) {
        Ticket t = tickets.get(id.toString());
        var state = store.find(t.id());
        List<SlaView.Timer> ts = timers.of(SlaEngine.KIND, t.id()).stream().map(r -> new SlaView.Timer(
                (String) r.get("TIMER_KEY"), instant(r.get("DUE_AT")), (String) r.get("STATE"),
                instant(r.get("FIRED_AT")), (Boolean) r.get("LATE"))).toList();
        return new SlaView(t.id(), state.map(TicketSlaStore.State::policyId).orElse(null), t.responseDueAt(),
                t.resolutionDueAt(), state.map(s -> s.pausedSince() != null).orElse(false),
                state.map(TicketSlaStore.State::pausedSeconds).orElse(0L), labels.of(t.id()), ts);
    }

    @GetMapping("/labels")
    @Operation(summary = "The ticket's labels (标签)")
    @Transactional(readOnly = true)
    public List<String> labels(@PathVariable("id") UUID id) {
        return labels.of(tickets.get(id.toString()).id());
    }

    @PostMapping(path = "/labels", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Put a label on the ticket", description = "A label already on the ticket stays once. "
            + "Answers the ticket's labels.")
    @Transactional
    public List<String> addLabel(@PathVariable("id") UUID id, @Valid @RequestBody LabelRequest request,
                                 Authentication caller) {
        Ticket t = tickets.lockForChange(id.toString());
        labels.add(t.id(), request.label().trim(), caller.getName(), clock.instant());
        return labels.of(t.id());
    }
}
