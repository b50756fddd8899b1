package org.aftersaleshub.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tickets/{id}/dispatch}: what the dispatch rules did with a ticket (tickets:read). */
@RestController
@Tag(name = "Tickets")
public class DispatchController {

    /**
     * A dispatch decision.
     *
     * @param outcome ASSIGNED (by a rule or the fallback team) or QUEUED (left unassigned in the fallback queue)
     * @param rule    the rule that assigned (null when queued; {@code fallback} for the fallback team)
     * @param staffId the engineer chosen (ASSIGNED)
     * @param queue   the fallback queue the ticket waits in (QUEUED), e.g. 待分派
     */
    public record DispatchView(String ticketId, String outcome, String rule, String staffId, String queue,
                               Instant decidedAt) {
    }

    private final DispatchRepository repo;
    private final TicketService tickets;

    public DispatchController(DispatchRepository repo, TicketService tickets) {
        this.repo = repo;
        this.tickets = tickets;
    }

    @Operation(summary = "What dispatch did with a ticket (派工结果)", description = "The rule that assigned it and to "
            + "whom, or the fallback queue it waits in (rules/dispatch.yaml, docs/rules.md).")
    @ApiResponse(responseCode = "200", description = "The decision")
    @ApiResponse(responseCode = "404", description = "No such ticket, or dispatch has not decided on it (no rules, "
            + "assigned by hand first, or not yet)", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @GetMapping(path = "/api/v1/tickets/{id}/dispatch", produces = MediaType.APPLICATION_JSON_VALUE)
    public DispatchView get(@Parameter(description = "ticket id") @PathVariable("id") String id) {
        tickets.get(id);
        return repo.decisionView(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, Problems.NOT_FOUND,
                "No dispatch decision", "dispatch has not decided on ticket " + id + " (no dispatch rules, assigned "
                + "by hand first, or not yet)").with("ticketId", id));
    }
}
