package org.aftersaleshub.masterdata.device;

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

/** The device API. Reading needs {@code tickets:read}; changing needs {@code masterdata:write}. */
@RestController
@RequestMapping(path = "/api/v1/devices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Devices", description = "Devices (设备) by serial, with customer and warranty. Read: tickets:read "
        + "scope. Write: masterdata:write scope.")
@ApiResponse(responseCode = "400", description = "Invalid request: the errors array names each field and rule",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class DeviceController {

    private final DeviceService service;

    DeviceController(DeviceService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a device (masterdata:write)", description = "customerId must name an existing "
            + "customer; warrantyEnd must not be before purchaseDate.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/api/v1/devices/{serial}"))
    @ApiResponse(responseCode = "409", description = "The serial is already used",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Device> create(@RequestBody DeviceRequest request, Authentication caller) {
        Device d = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/devices/" + d.serial())).body(d);
    }

    @GetMapping("/{serial}")
    @Operation(summary = "Get a device with its warranty state")
    @ApiResponse(responseCode = "404", description = "No such device",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Device get(@Parameter(description = "serial number (序列号)") @PathVariable("serial") @Size(max = 64)
            String serial) {
        return service.get(serial);
    }

    @PutMapping(path = "/{serial}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a device (masterdata:write)", description = "Full replace; the body's version must "
            + "be the record's current version, else 409.")
    @ApiResponse(responseCode = "404", description = "No such device",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "The version is not current",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Device replace(@PathVariable("serial") @Size(max = 64) String serial, @RequestBody DeviceRequest request,
            Authentication caller) {
        return service.replace(serial, request, caller.getName());
    }

    @DeleteMapping("/{serial}")
    @Operation(summary = "Delete a device (masterdata:write)", description = "Tickets keep their device serial.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such device",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Void> delete(@PathVariable("serial") @Size(max = 64) String serial, Authentication caller) {
        service.delete(serial, caller.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(summary = "Search devices", description = "Ordered by serial; filters combine with AND.")
    MasterDataPage<Device> search(
            @Parameter(description = "part of the serial or model, case-insensitive")
            @RequestParam(name = "q", required = false) @Size(max = 64) String q,
            @Parameter(description = "customer id, exact") @RequestParam(name = "customerId", required = false)
            @Size(max = 64) String customerId,
            @Parameter(description = "product line, exact") @RequestParam(name = "productLine", required = false)
            @Size(max = 64) String productLine,
            @Parameter(description = "zero-based page") @RequestParam(name = "page", defaultValue = "0") @Min(0)
            @Max(1_000_000) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(name = "size", defaultValue = "50") @Min(1)
            @Max(200) int size) {
        return service.search(blank(q), blank(customerId), blank(productLine), page, size);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
