package org.aftersaleshub.masterdata.part;

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

/**
 * The spare part API; {@code GET /api/v1/parts/{sku}/stock} (real-time stock) is the stock feature's. Reading needs
 * {@code tickets:read}; changing needs {@code masterdata:write}.
 */
@RestController
@RequestMapping(path = "/api/v1/parts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Spare parts", description = "Spare parts (备件) by SKU with their code in each ERP instance. Read: "
        + "tickets:read scope. Write: masterdata:write scope.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class SparePartController {

    private final SparePartService service;

    SparePartController(SparePartService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a spare part (masterdata:write)", description = "erpCodes names each ERP connector "
            + "instance's code for the part; the erp-stock route and the stock API use it.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/parts/{sku}"))
    @ApiResponse(responseCode = "409", description = "The SKU exists, or an ERP code is another part's",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<SparePart> create(@RequestBody SparePartRequest request, Authentication caller) {
        SparePart p = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/parts/" + p.sku())).body(p);
    }

    @GetMapping("/{sku}")
    @Operation(summary = "Get a spare part")
    @ApiResponse(responseCode = "404", description = "No such part",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    SparePart get(@Parameter(description = "SKU (备件编码)") @PathVariable("sku") @Size(max = 64) String sku) {
        return service.get(sku);
    }

    @PutMapping(path = "/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a spare part (masterdata:write)", description = "Full replace; the body's version "
            + "must be the record's current version, else 409.")
    @ApiResponse(responseCode = "404", description = "No such part",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "The version is not current, or an ERP code is another part's",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    SparePart replace(@PathVariable("sku") @Size(max = 64) String sku, @RequestBody SparePartRequest request,
            Authentication caller) {
        return service.replace(sku, request, caller.getName());
    }

    @DeleteMapping("/{sku}")
    @Operation(summary = "Deactivate a spare part (masterdata:write)", description = "Sets active = false; part "
            + "usages refer to the SKU, so the record is kept.")
    @ApiResponse(responseCode = "200", description = "The deactivated part")
    @ApiResponse(responseCode = "404", description = "No such part",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    SparePart deactivate(@PathVariable("sku") @Size(max = 64) String sku, Authentication caller) {
        return service.deactivate(sku, caller.getName());
    }

    @GetMapping
    @Operation(summary = "Search spare parts", description = "Ordered by name; filters combine with AND.")
    MasterDataPage<SparePart> search(
            @Parameter(description = "part of the SKU or name, case-insensitive")
            @RequestParam(name = "q", required = false) @Size(max = 64) String q,
            @Parameter(description = "active (true) or deactivated (false) only")
            @RequestParam(name = "active", required = false) Boolean active,
            @Parameter(description = "has a code in this ERP instance") @RequestParam(name = "erpInstance",
                    required = false) @Size(max = 64) String erpInstance,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        return service.search(blank(q), active, blank(erpInstance), page, size);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
