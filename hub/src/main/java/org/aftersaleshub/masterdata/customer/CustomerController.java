package org.aftersaleshub.masterdata.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer API. Reading needs {@code tickets:read}; changing needs {@code masterdata:write}. */
@RestController
@RequestMapping(path = "/api/v1/customers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customers", description = "Customers (客户) with contacts and their ids in the CRM and ERP. Read: "
        + "tickets:read scope. Write: masterdata:write scope.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class CustomerController {

    private final CustomerService service;

    CustomerController(CustomerService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a customer (masterdata:write)", description = "Answers 201 with Location; its "
            + "source is api.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/customers/{id}"))
    @ApiResponse(responseCode = "409", description = "The id, or the crmId, is already used",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Customer> create(@RequestBody CustomerRequest request, Authentication caller) {
        Customer c = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).body(c);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a customer")
    @ApiResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Customer get(@Parameter(description = "customer id (客户编号)") @PathVariable("id") @Size(max = 64) String id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a customer (masterdata:write)", description = "Full replace: omitted optional "
            + "fields are cleared. The body's version must be the record's current version, else 409.")
    @ApiResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "The version is not current, or the crmId is used by another "
            + "customer", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Customer replace(@PathVariable("id") @Size(max = 64) String id, @RequestBody CustomerRequest request,
            Authentication caller) {
        return service.replace(id, request, caller.getName());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a customer (masterdata:write)", description = "Refused (409) while devices "
            + "belong to it; tickets keep their customerId.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Void> delete(@PathVariable("id") @Size(max = 64) String id, Authentication caller) {
        service.delete(id, caller.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(summary = "Search customers", description = "Ordered by name; every filter is optional and they "
            + "combine with AND.")
    MasterDataPage<Customer> search(
            @Parameter(description = "part of the id, name or phone, case-insensitive")
            @RequestParam(name = "q", required = false) @Size(max = 64) String q,
            @Parameter(description = "service region, exact") @RequestParam(name = "region", required = false)
            @Size(max = 64) String region,
            @Parameter(description = "tier: VIP, KEY, STANDARD (or 重点, 普通)")
            @RequestParam(name = "tier", required = false) @Size(max = 16) String tier,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        CustomerTier t = null;
        if (tier != null && !tier.isBlank()) {
            t = CustomerTier.parse(tier).orElseThrow(() -> ApiProblem.validation(java.util.List.of(
                    new FieldViolation("tier", CustomerRules.TIER_RULE, "must be VIP, KEY (重点) or STANDARD (普通)"))));
        }
        return service.search(blankToNull(q), blankToNull(region), t, page, size);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
