package org.aftersaleshub.stock;

import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/**
 * The problems the stock API and part-usage recording answer about a part and a warehouse, with the field names of
 * the request at hand ({@code sku} on {@code GET /parts/{sku}/stock}, {@code partSku} in a part-usage body):
 * 400 for a code outside the ERP's form, 404 for one it does not know (or a warehouse no ERP books), 502/503 only
 * when the ERP itself failed.
 *
 * @param partField      the request's name of the part code
 * @param warehouseField the request's name of the warehouse code
 */
public record StockProblems(String partField, String warehouseField) {

    /** The field names of {@code GET /api/v1/parts/{sku}/stock?warehouse=}. */
    public static final StockProblems STOCK_API = new StockProblems("sku", "warehouse");

    /** 400, or 404, for what {@link ErpCatalog#check} found wrong; null when nothing is. */
    public ApiProblem of(ErpCatalog.Verdict v, ConnectorInstances.Instance instance) {
        if (!v.invalid().isEmpty()) {
            return invalid(v.invalid(), instance);
        }
        return v.unknown().isEmpty() ? null : unknown(v.unknown(), instance);
    }

    private ApiProblem invalid(List<InvalidInputException> invalid, ConnectorInstances.Instance instance) {
        List<FieldViolation> errors = invalid.stream().map(e -> new FieldViolation(field(e.field()), e.rule(),
                "is not a code the " + instance.type() + " ERP of connector instance " + instance.name()
                        + " accepts (编码格式不符): " + e.form()
                        + (e.sentAs().equals(e.value()) ? "" : "; it is sent as '" + InvalidInputException.printable(
                        e.sentAs()) + "'"))).toList();
        return ApiProblem.validation(errors).with("connectorInstance", instance.name());
    }

    private ApiProblem unknown(List<CatalogEntry> unknown, ConnectorInstances.Instance instance) {
        boolean part = unknown.stream().anyMatch(e -> e.kind() == CatalogEntry.Kind.PART);
        boolean warehouse = unknown.stream().anyMatch(e -> e.kind() == CatalogEntry.Kind.WAREHOUSE);
        String slug = part && warehouse ? "unknown-part-and-warehouse" : part ? "unknown-part" : "unknown-warehouse";
        String title = part && warehouse ? "Unknown part and warehouse (备件和仓库不存在)"
                : part ? "Unknown part (备件不存在)" : "Unknown warehouse (仓库不存在)";
        List<FieldViolation> errors = unknown.stream().map(e -> new FieldViolation(
                e.kind() == CatalogEntry.Kind.PART ? partField : warehouseField, "unknown-" + e.kind().field(),
                "is not a " + e.kind().field() + " the " + instance.type() + " ERP of connector instance "
                        + instance.name() + " knows: its mapping does not name it and its master data has no '"
                        + InvalidInputException.printable(e.erpCode()) + "' ("
                        + (e.kind() == CatalogEntry.Kind.PART ? "物料不存在" : "仓库不存在") + ")")).toList();
        String detail = String.join("; ", unknown.stream().map(e -> e.kind().field() + " '"
                + InvalidInputException.printable(e.code()) + "' is unknown to " + instance.name()).toList())
                + ". Check the code, or map it in the connector instance's code mapping if the ERP knows it by "
                + "another.";
        return new ApiProblem(HttpStatus.NOT_FOUND, slug, title, detail).with("connectorInstance", instance.name())
                .with("errors", errors);
    }

    /** 404: the warehouse is in the master data, the part is not, or has no code in the instance that books it. */
    public ApiProblem notInMasterData(MasterDataBookings.Booking b) {
        String sku = InvalidInputException.printable(b.sku());
        FieldViolation v = b.partKnown()
                ? new FieldViolation(partField, "erp-code:" + b.instance(), "has no code in ERP instance "
                + b.instance() + ", which books warehouse " + b.warehouse() + " (备件未配置该ERP的编码)")
                : new FieldViolation(partField, "exists", "is not a spare part of the hub's master data (备件不存在)");
        return new ApiProblem(HttpStatus.NOT_FOUND, "unknown-part", "Unknown part (备件不存在)", "Part '" + sku + "' "
                + (b.partKnown() ? "has no code in " + b.instance() + "; add it to the part's erpCodes."
                : "is not in the master data; add it with POST /api/v1/parts or an import."))
                .with("connectorInstance", b.instance()).with("errors", List.of(v));
    }

    /** 404: no connector instance books the warehouse, so nothing can be checked or booked there. */
    public ApiProblem warehouseNotMapped(String warehouse) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "warehouse-not-mapped", "Warehouse not booked by any ERP "
                + "(仓库未配置ERP)", "No connector instance books warehouse '" + InvalidInputException.printable(
                warehouse) + "': it is not in the master data's warehouses (仓库不存在), or the instance it names is "
                + "not started; add it with POST /api/v1/warehouses or an import (deprecated: map it in "
                + "hub.erp.warehouses or set hub.erp.default-instance).")
                .with("errors", List.of(new FieldViolation(warehouseField, "mapped", "no ERP books this warehouse "
                        + "(not a warehouse of the master data)")));
    }

    /**
     * The ERP failed to answer {@code what}: 503 when a later try can pass (refused connection, 503, 429, no call
     * budget), else 502 (it answered with an error, or nothing came back in time).
     */
    public ApiProblem erpFailed(ConnectorException e, String what) {
        HttpStatus status = e.outcome() == Outcome.RETRYABLE ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        return new ApiProblem(status, "erp-unavailable", "ERP did not answer (ERP无响应)", "The " + e.system()
                + " ERP could not answer " + what + ": " + e.getMessage())
                .with("errors", List.of(new FieldViolation(warehouseField, "erp-answer", "no answer from the ERP "
                        + "that books this warehouse")));
    }

    private String field(String connectorField) {
        return connectorField.equals(CatalogEntry.Kind.PART.field()) ? partField : warehouseField;
    }
}
