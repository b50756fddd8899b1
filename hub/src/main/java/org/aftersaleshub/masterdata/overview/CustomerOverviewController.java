package org.aftersaleshub.masterdata.overview;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/customers/{id}/overview}: the customer 360° view; needs {@code tickets:read}. */
@RestController
@Tag(name = "Customers")
public class CustomerOverviewController {

    private final CustomerOverviewService service;

    CustomerOverviewController(CustomerOverviewService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/customers/{id}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Customer 360° overview (客户全景)", description = "The customer with contacts, its devices "
            + "with warranty state, its open and past tickets (counts and one page of each, newest first), the parts "
            + "used on them, the average satisfaction score (null without surveys) and the link to its CRM record.")
    @ApiResponse(responseCode = "200", description = "The overview")
    @ApiResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    CustomerOverview overview(
            @Parameter(description = "customer id (客户编号)") @PathVariable("id") @Size(max = 64) String id,
            @Parameter(description = "zero-based page of the open and of the past tickets")
            @RequestParam(name = "page", defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @Parameter(description = "tickets per page, 1..100") @RequestParam(name = "size", defaultValue = "10")
            @Min(1) @Max(100) int size) {
        return service.of(id, page, size);
    }
}
