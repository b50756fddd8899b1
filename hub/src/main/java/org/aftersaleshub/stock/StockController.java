package org.aftersaleshub.stock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.model.StockLevel;
import org.aftersaleshub.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/parts/{sku}/stock?warehouse=}: the ERP's answer, reused for {@code hub.erp.stock-cache-ttl} —
 * once the ERP that books the warehouse is known to know the part and the warehouse ({@link StockChecks}), so a typo
 * is a 404, not "0 in stock".
 */
@RestController
@Tag(name = "Stock", description = "Real-time spare-part stock from the ERP")
@Validated
public class StockController {

    /**
     * @param ageSeconds how old the ERP's answer is (0 when it was just asked)
     * @param cached     true when the answer came from the short cache
     */
    public record StockAnswer(String partSku, String warehouse, BigDecimal quantity, BigDecimal available,
                              Instant asOf, String sourceSystem, String connectorInstance, double ageSeconds,
                              boolean cached) {
    }

    private final StockReader stock;
    private final StockChecks checks;

    public StockController(StockReader stock, StockChecks checks) {
        this.stock = stock;
        this.checks = checks;
    }

    @GetMapping("/api/v1/parts/{sku}/stock")
    @Operation(summary = "Stock of a part in a warehouse, as the ERP reports it now (short cache; says its age)",
            description = "The master data must book the warehouse (active, in a started ERP instance) and give the "
                    + "part a code in that instance, else a 404 naming which (no ERP is asked); a master-data code the "
                    + "ERP cannot take is a 400 naming the field; 502/503 only when the ERP itself did not answer.")
    @ApiResponse(responseCode = "400", description = "sku or warehouse is not a code this ERP takes",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "Warehouse or part not in the master data, or no code there",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "502", description = "The ERP answered with an error or not in time",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "No ERP configured, or the ERP cannot be reached now",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public StockAnswer stock(@PathVariable @Size(max = 64) String sku,
                             @RequestParam @NotBlank @Size(max = 32) String warehouse) {
        if (!stock.available()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "no-stock-source", "No ERP configured (未配置ERP)",
                    "Declare a connector instance under hub.connectors (or hub.erp.connector) to answer stock "
                            + "queries.");
        }
        checks.requireBooked(sku, warehouse, StockProblems.STOCK_API);
        ConnectorInstances.Instance source = stock.sourceFor(warehouse)
                .orElseThrow(() -> StockProblems.STOCK_API.warehouseNotMapped(warehouse));
        try {
            StockReader.Answer a = stock.read(sku, warehouse);
            return answer(a.level(), a.instance(), a.cached());
        } catch (InvalidInputException e) {
            throw StockProblems.STOCK_API.invalid(e, source);
        } catch (ConnectorException e) {
            throw StockProblems.STOCK_API.erpFailed(e, "the stock query");
        }
    }

    private static StockAnswer answer(StockLevel l, String instance, boolean cached) {
        double age = Math.max(0, Duration.between(l.asOf(), Instant.now()).toMillis() / 1000.0);
        return new StockAnswer(l.partSku(), l.warehouse(), l.quantity(), l.available(), l.asOf(), l.sourceSystem(),
                instance, age, cached);
    }
}
