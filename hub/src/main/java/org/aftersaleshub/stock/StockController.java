package org.aftersaleshub.stock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.model.StockLevel;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/parts/{sku}/stock?warehouse=}: the ERP's answer, reused for {@code hub.erp.stock-cache-ttl}. */
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

    public StockController(StockReader stock) {
        this.stock = stock;
    }

    @GetMapping("/api/v1/parts/{sku}/stock")
    @Operation(summary = "Stock of a part in a warehouse, as the ERP reports it now (short cache; says its age)")
    public StockAnswer stock(@PathVariable @Size(max = 64) String sku,
                             @RequestParam @NotBlank @Size(max = 32) String warehouse) {
        if (!stock.available()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "no-stock-source", "No ERP configured (未配置ERP)",
                    "Declare a connector instance under hub.connectors (or hub.erp.connector) to answer stock "
                            + "queries.");
        }
        if (stock.sourceFor(warehouse).isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "warehouse-not-mapped", "Warehouse not booked by any ERP "
                    + "(仓库未配置ERP)", "No connector instance books warehouse '" + warehouse + "'; map it in "
                    + "hub.erp.warehouses or set hub.erp.default-instance.")
                    .with("errors", List.of(new FieldViolation("warehouse", "mapped", "no ERP books this warehouse")));
        }
        try {
            StockReader.Answer a = stock.read(sku, warehouse);
            return answer(a.level(), a.instance(), a.cached());
        } catch (ConnectorException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "erp-unavailable", "ERP did not answer (ERP无响应)",
                    "The " + e.system() + " ERP could not answer the stock query: " + e.getMessage())
                    .with("errors", List.of(new FieldViolation("warehouse", "erp-answer", "no answer from the ERP")));
        }
    }

    private static StockAnswer answer(StockLevel l, String instance, boolean cached) {
        double age = Math.max(0, Duration.between(l.asOf(), Instant.now()).toMillis() / 1000.0);
        return new StockAnswer(l.partSku(), l.warehouse(), l.quantity(), l.available(), l.asOf(), l.sourceSystem(),
                instance, age, cached);
    }
}
