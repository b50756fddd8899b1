package org.aftersaleshub.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters over HTTP (scope {@code admin}). Parameter constraints are checked by Spring MVC's own method
 * validation (no {@code @Validated} proxy), which reports them by the names the client used.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "Messages whose external effect failed after the last attempt")
public class DeadLetterController {

    private final DeadLetterService service;

    public DeadLetterController(DeadLetterService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List dead letters, newest last, filtered")
    public DeadLetterService.Page list(
            @RequestParam(required = false) @Pattern(regexp = "OPEN|REPLAYED") String status,
            @RequestParam(required = false) @Size(max = 128) String routeId,
            @RequestParam(required = false) @Size(max = 256) String target,
            @RequestParam(required = false) @Size(max = 64) String eventType,
            @RequestParam(required = false) @Size(max = 36) String ticketId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return service.list(new DeadLetterFilter(status, routeId, target, eventType, ticketId, from, to), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dead letter with its original message and error")
    @ApiResponse(responseCode = "200", description = "The dead letter")
    @ApiResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public DeadLetter get(@PathVariable long id) {
        return service.get(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Replay one dead letter with the same idempotency key (audited)")
    @ApiResponse(responseCode = "200", description = "The replayed dead letter")
    @ApiResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public DeadLetter replay(@PathVariable long id, Principal principal) {
        return service.replay(id, actor(principal)).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/replay")
    @Operation(summary = "Replay every dead letter matching the filter (OPEN ones unless status is given), audited")
    public Map<String, Object> replayMatching(@Valid @RequestBody DeadLetterFilter filter,
                                              @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit,
                                              Principal principal) {
        List<Long> ids = service.replayMatching(filter, actor(principal), limit);
        return Map.of("replayed", ids.size(), "ids", ids);
    }

    private static String actor(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    private static ApiProblem notFound(long id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found (死信不存在)",
                "There is no dead letter with id " + id + ".").with("errors",
                List.of(new FieldViolation("id", "exists", "is not the id of a dead letter")));
    }
}
