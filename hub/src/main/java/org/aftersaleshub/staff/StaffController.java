package org.aftersaleshub.staff;

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
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff directory API. Reading needs {@code tickets:read} (whoever reads tickets sees who works on them);
 * changing needs {@code admin}, because the directory decides who gets customer data in their IM. Staff ids are
 * UUIDs; anything else in the path is a 400.
 */
@RestController
@RequestMapping(path = "/api/v1/staff", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Staff", description = "The staff directory (人员目录): engineers, supervisors, service directors, their "
        + "skills, supervisor and DingTalk / WeCom accounts. Read: tickets:read scope. Write: admin scope.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope (tickets:read to read, admin to "
        + "change)", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class StaffController {

    private static final String IDEMPOTENCY_DOC = "Optional. A retry with the same key returns the first answer; "
            + "the same key with a different request is a 422.";
    private static final String SUPERVISOR_RULES = " supervisorId must name an existing staff record (active when "
            + "newly chosen), not the record itself and not anyone it supervises (400 naming supervisorId).";

    private final StaffService service;

    StaffController(StaffService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a staff record (admin)", description = "Answers 201 with Location and the record; "
            + "its source is api." + SUPERVISOR_RULES)
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/staff/{id}"))
    @ApiResponse(responseCode = "409", description = "employeeNo, dingTalkUserId or weComUserId is already used by "
            + "another record; errors names the field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Staff> create(@Valid @RequestBody StaffRequest request, Authentication caller,
            @Parameter(description = IDEMPOTENCY_DOC, schema = @Schema(type = "string", maxLength = 255,
                    pattern = "^[!-~]+$")) @RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey) {
        Staff s;
        try {
            s = service.create(request, caller.getName());
        } catch (DuplicateKeyException e) {
            service.explainDuplicate(request, "");
            throw e;
        }
        return ResponseEntity.created(URI.create("/api/v1/staff/" + s.id())).body(s);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a staff record")
    @ApiResponse(responseCode = "200", description = "The staff record")
    @ApiResponse(responseCode = "404", description = "No such staff record",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Staff get(@Parameter(description = "staff id (UUID)") @PathVariable("id") UUID id) {
        return service.get(id.toString());
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a staff record (admin)", description = "Full replace: omitted optional fields are "
            + "cleared. The body's version must be the record's current version (optimistic locking), else 409."
            + SUPERVISOR_RULES)
    @ApiResponse(responseCode = "200", description = "The replaced record, version + 1")
    @ApiResponse(responseCode = "404", description = "No such staff record",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "The version is not current, or employeeNo, dingTalkUserId or "
            + "weComUserId is already used by another record; errors names the field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Staff replace(@Parameter(description = "staff id (UUID)") @PathVariable("id") UUID id,
            @Valid @RequestBody StaffRequest request, Authentication caller) {
        try {
            return service.replace(id.toString(), request, caller.getName());
        } catch (DuplicateKeyException e) {
            service.explainDuplicate(request, id.toString());
            throw e;
        }
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deactivate a staff record (admin)", description = "Sets active = false; the record is "
            + "kept because tickets refer to it. Deactivating an inactive record changes nothing.")
    @ApiResponse(responseCode = "200", description = "The deactivated record")
    @ApiResponse(responseCode = "404", description = "No such staff record",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Staff deactivate(@Parameter(description = "staff id (UUID)") @PathVariable("id") UUID id,
            Authentication caller) {
        return service.deactivate(id.toString(), caller.getName());
    }

    @GetMapping
    @Operation(summary = "Search staff", description = "Ordered by name, filtered, one page at a time. Every filter "
            + "is optional and they combine with AND.")
    @ApiResponse(responseCode = "200", description = "One page of staff records")
    StaffPage search(
            @Parameter(description = "part of the name or phone number, case-insensitive")
            @RequestParam(name = "q", required = false) @Size(max = 64) String q,
            @Parameter(description = "service region, exact") @RequestParam(name = "region", required = false)
            @Size(max = 64) String region,
            @Parameter(description = "team, exact") @RequestParam(name = "team", required = false)
            @Size(max = 64) String team,
            @Parameter(description = "has this skill, exact") @RequestParam(name = "skill", required = false)
            @Size(max = 64) String skill,
            @Parameter(description = "holds this role") @RequestParam(name = "role", required = false)
            StaffRole role,
            @Parameter(description = "active (true) or deactivated (false) only")
            @RequestParam(name = "active", required = false) Boolean active,
            @Parameter(description = "preferred channel") @RequestParam(name = "channel", required = false)
            PreferredChannel channel,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        return service.search(new StaffFilter(blankToNull(q), blankToNull(region), blankToNull(team),
                blankToNull(skill), role, active, channel), page, size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
