package org.aftersaleshub.masterdata.warehouse;

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

/** The warehouse API. Reading needs {@code tickets:read}; changing needs {@code masterdata:write}. */
@RestController
@RequestMapping(path = "/api/v1/warehouses", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Warehouses", description = "Warehouses (仓库), the ERP instance that books each and who hears StockLow. Read: "
        + "tickets:read scope. Write: masterdata:write scope.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class WarehouseController {

    private final WarehouseService service;

    WarehouseController(WarehouseService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a warehouse (masterdata:write)", description = "erpInstance books it under "
            + "erpCode; the erp-stock route and the stock API take both from here.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/warehouses/{code}"))
    @ApiResponse(responseCode = "409", description = "The code exists, or the ERP code is another warehouse's",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Warehouse> create(@RequestBody WarehouseRequest request, Authentication caller) {
        Warehouse w = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/warehouses/" + w.code())).body(w);
    }

    @GetMapping("/{code}")
    @Operation(summary = "Get a warehouse")
    @ApiResponse(responseCode = "404", description = "No such warehouse",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Warehouse get(@Parameter(description = "warehouse code (仓库编码)") @PathVariable("code") @Size(max = 64) String code) {
        return service.get(code);
    }

    @PutMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a warehouse (masterdata:write)", description = "Full replace; the body's version "
            + "must be the record's current version, else 409.")
    @ApiResponse(responseCode = "404", description = "No such warehouse",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "The version is not current, or the ERP code is another warehouse's",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Warehouse replace(@PathVariable("code") @Size(max = 64) String code, @RequestBody WarehouseRequest request,
            Authentication caller) {
        return service.replace(code, request, caller.getName());
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Deactivate a warehouse (masterdata:write)", description = "Sets active = false; part "
            + "usages refer to the code, so the record is kept.")
    @ApiResponse(responseCode = "200", description = "The deactivated warehouse")
    @ApiResponse(responseCode = "404", description = "No such warehouse",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Warehouse deactivate(@PathVariable("code") @Size(max = 64) String code, Authentication caller) {
        return service.deactivate(code, caller.getName());
    }

    @GetMapping
    @Operation(summary = "Search warehouses", description = "Ordered by code; filters combine with AND.")
    MasterDataPage<Warehouse> search(
            @Parameter(description = "part of the code or name, case-insensitive")
            @RequestParam(name = "q", required = false) @Size(max = 64) String q,
            @Parameter(description = "region, exact") @RequestParam(name = "region", required = false)
            @Size(max = 64) String region,
            @Parameter(description = "active (true) or deactivated (false) only")
            @RequestParam(name = "active", required = false) Boolean active,
            @Parameter(description = "booked by this ERP instance") @RequestParam(name = "erpInstance",
                    required = false) @Size(max = 64) String erpInstance,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        return service.search(blank(q), blank(region), blank(erpInstance), active, page, size);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
