package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket API. Reading needs the {@code tickets:read} scope, changing {@code tickets:write}. Every POST honours
 * an {@code Idempotency-Key} header. Ticket ids are UUIDs; anything else in the path is a 400.
 */
@RestController
@RequestMapping(path = "/api/v1/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tickets", description = "Service tickets (工单), their status, assignment and part usages.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class TicketController {

    private static final String IDEMPOTENCY_DOC = "Optional. A retry with the same key returns the first answer; "
            + "the same key with a different request is a 422.";
    /** Printable ASCII without space, as the idempotency filter enforces (1..255 characters). */
    private static final String IDEMPOTENCY_KEY_FORM = "^[!-~]+$";
    /** The form of a part usage id (RecordPartUsageRequest.id). */
    private static final String USAGE_ID_FORM = "[A-Za-z0-9._:-]+";

    private final TicketService service;
    private final TicketViews views;

    TicketController(TicketService service, TicketViews views) {
        this.service = service;
        this.views = views;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a ticket", description = "Writes the ticket and a TicketCreated event in one "
            + "transaction; answers 201 with Location and the ticket.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/tickets/{id}"))
    ResponseEntity<TicketView> create(@Valid @RequestBody CreateTicketRequest request, Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        Ticket t = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + t.id())).body(views.of(t));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a ticket")
    @ApiResponse(responseCode = "200", description = "The ticket")
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    TicketView get(@Parameter(description = "ticket id (UUID)") @PathVariable("id") UUID id) {
        return views.of(service.get(id.toString()));
    }

    @GetMapping
    @Operation(summary = "List tickets", description = "Newest first, filtered, one page at a time.")
    @ApiResponse(responseCode = "200", description = "One page of tickets")
    TicketViewPage list(
            @Parameter(description = "only tickets in this status") @RequestParam(name = "status", required = false)
            TicketStatus status,
            @Parameter(description = "service region, exact") @RequestParam(name = "region", required = false)
            @Size(max = 64) String region,
            @Parameter(description = "assignee staff id, exact") @RequestParam(name = "assignee", required = false)
            @Size(max = 64) String assignee,
            @Parameter(description = "customer id, exact") @RequestParam(name = "customer", required = false)
            @Size(max = 64) String customer,
            @Parameter(description = "created at or after (ISO-8601, e.g. 2024-05-01T00:00:00Z)")
            @RequestParam(name = "from", required = false) Instant from,
            @Parameter(description = "created before (ISO-8601)") @RequestParam(name = "to", required = false)
            Instant to,
            @Parameter(description = "SLA verdict of the deadline slaKind, as the KPI figure sla counts it "
                    + "(docs/console.md): MET, BREACHED, PENDING, NONE (no deadline)")
            @RequestParam(name = "sla", required = false) SlaVerdicts.Verdict sla,
            @Parameter(description = "the deadline sla is about: RESPONSE (first ACCEPTED) or RESOLUTION (first "
                    + "RESOLVED); required with sla") @RequestParam(name = "slaKind", required = false)
            SlaVerdicts.Kind slaKind,
            @Parameter(description = "survey answered with exactly this score (1..5)")
            @RequestParam(name = "satisfaction", required = false) @Min(1) @Max(5) Integer satisfaction,
            @Parameter(description = "survey answered with a score at most this (1..5)")
            @RequestParam(name = "satisfactionMax", required = false) @Min(1) @Max(5) Integer satisfactionMax,
            @Parameter(description = "survey answered at or after (ISO-8601)")
            @RequestParam(name = "answeredFrom", required = false) Instant answeredFrom,
            @Parameter(description = "survey answered before (ISO-8601)")
            @RequestParam(name = "answeredTo", required = false) Instant answeredTo,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        QualityFilter quality = new QualityFilter(slaKind, sla, satisfaction, satisfactionMax, answeredFrom,
                answeredTo);
        return views.of(service.list(new TicketFilter(status, region, assignee, customer, from, to, quality), page,
                size));
    }

    @PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the status", description = "Along the state machine; an illegal transition is a "
            + "409 naming from, to and the allowed targets. Writes TicketAccepted, TicketStatusChanged, "
            + "TicketResolved, TicketClosed or TicketCancelled.")
    @ApiResponse(responseCode = "200", description = "The changed ticket")
    @ApiResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    TicketView changeStatus(@PathVariable("id") UUID id, @Valid @RequestBody ChangeStatusRequest request,
            Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        return views.of(service.changeStatus(id.toString(), request.status(), request.reason(), caller.getName()));
    }

    @PostMapping(path = "/{id}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Assign an engineer (派工)", description = "NEW → ASSIGNED, or reassign while ASSIGNED. "
            + "Writes TicketAssigned.")
    @ApiResponse(responseCode = "200", description = "The assigned ticket")
    @ApiResponse(responseCode = "409", description = "The ticket is past assignment",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    TicketView assign(@PathVariable("id") UUID id, @Valid @RequestBody AssignTicketRequest request, Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        return views.of(service.assign(id.toString(), request.assigneeId(), caller.getName()));
    }

    @PostMapping(path = "/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the priority (优先级)", description = "While the ticket is open. Recomputes the SLA "
            + "deadlines (responseDueAt, resolutionDueAt) by the policy the new priority selects. Writes "
            + "TicketPriorityChanged; the same priority again writes nothing.")
    @ApiResponse(responseCode = "200", description = "The ticket with its new priority and deadlines")
    @ApiResponse(responseCode = "409", description = "The ticket is not open",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Ticket changePriority(@PathVariable("id") UUID id, @Valid @RequestBody ChangePriorityRequest request,
            Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        return service.changePriority(id.toString(), request.priority(), request.reason(), caller.getName());
    }

    @PostMapping(path = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel the ticket", description = "From any open status. Writes TicketCancelled.")
    @ApiResponse(responseCode = "200", description = "The cancelled ticket")
    @ApiResponse(responseCode = "409", description = "The ticket is not open",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    TicketView cancel(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) CancelTicketRequest request,
            Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        return views.of(service.cancel(id.toString(), request == null ? null : request.reason(), caller.getName()));
    }

    @PostMapping(path = "/{id}/part-usages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a part usage (备件领用)", description = "The client-supplied id is the idempotency "
            + "key of the ERP deduction: the same id with the same content answers 200 with the recorded usage and "
            + "writes nothing; with different content it is a 409. A new usage answers 201 and writes PartConsumed.")
    @ApiResponse(responseCode = "201", description = "Recorded",
            headers = @Header(name = "Location", description = "/api/v1/tickets/{id}/part-usages/{usageId}"))
    @ApiResponse(responseCode = "200", description = "Already recorded with the same content")
    @ApiResponse(responseCode = "400", description = "Invalid body, or partSku / warehouse is not a code the ERP "
            + "that books the warehouse takes",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "Unknown ticket, part or warehouse (the ERP that books the "
            + "warehouse does not know it), or no ERP books the warehouse; nothing is stored",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "Same id, different content; or the ticket is not open",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "502", description = "The ERP could not say whether it knows the part (an error or "
            + "no answer in time); nothing is stored, retry later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "The ERP cannot be reached now; nothing is stored, retry later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<PartUsageView> recordPartUsage(@PathVariable("id") UUID id,
            @Valid @RequestBody RecordPartUsageRequest request,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        TicketService.PartUsageResult result = service.recordPartUsage(id.toString(), request);
        if (!result.created()) {
            return ResponseEntity.ok(result.usage());
        }
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "/part-usages/" + request.id()))
                .body(result.usage());
    }

    @GetMapping("/{id}/part-usages")
    @Operation(summary = "List the part usages of a ticket")
    @ApiResponse(responseCode = "200", description = "The part usages")
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    List<PartUsageView> partUsages(@PathVariable("id") UUID id) {
        return service.partUsages(id.toString());
    }

    @GetMapping("/{id}/part-usages/{usageId}")
    @Operation(summary = "Get one part usage")
    @ApiResponse(responseCode = "200", description = "The part usage")
    @ApiResponse(responseCode = "404", description = "No such ticket or no such part usage on it",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    PartUsageView partUsage(@PathVariable("id") UUID id,
            @PathVariable("usageId") @Size(max = 64) @Pattern(regexp = USAGE_ID_FORM) String usageId) {
        return service.partUsage(id.toString(), usageId);
    }

    @PostMapping(path = "/{id}/part-usages/{usageId}/return", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Return a used part (退料)", description = "Writes PartReturned; the ERP route books the "
            + "compensating document once the deduction is booked. A part is returned once; a usage whose "
            + "deduction failed cannot be returned.")
    @ApiResponse(responseCode = "200", description = "The usage with its return")
    @ApiResponse(responseCode = "409", description = "Already returned, or its deduction failed (nothing to return)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such ticket or no such part usage on it",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    PartUsageView returnPart(@PathVariable("id") UUID id,
            @PathVariable("usageId") @Size(max = 64) @Pattern(regexp = USAGE_ID_FORM) String usageId,
            @Valid @RequestBody(required = false) ReturnPartRequest request,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = IDEMPOTENCY_KEY_FORM)) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        return service.returnPart(id.toString(), usageId, request == null ? null : request.reason());
    }

    @GetMapping("/{id}/status-history")
    @Operation(summary = "Status history", description = "Every status change and assignment, oldest first.")
    @ApiResponse(responseCode = "200", description = "The status changes")
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    List<StatusChange> history(@PathVariable("id") UUID id) {
        return service.history(id.toString());
    }
}
