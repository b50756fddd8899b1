package org.aftersaleshub.stock;

import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.CodeForm;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/**
 * The problems the stock API and part-usage recording answer about a part and a warehouse, with the field names of
 * the request at hand ({@code sku} on {@code GET /parts/{sku}/stock}, {@code partSku} in a part-usage body):
 * 404 for a warehouse the master data does not book in a started instance and for a part without a row or a code
 * in that instance (no ERP is asked), 400 for a master-data code outside the ERP's form, 502/503 only when the ERP
 * itself failed.
 *
 * @param partField      the request's name of the part code
 * @param warehouseField the request's name of the warehouse code
 */
public record StockProblems(String partField, String warehouseField) {

    /** The field names of {@code GET /api/v1/parts/{sku}/stock?warehouse=}. */
    public static final StockProblems STOCK_API = new StockProblems("sku", "warehouse");

    /** 400: a code from the master data the ERP's connector cannot send ({@code e.field()} names which). */
    public ApiProblem invalid(InvalidInputException e, ConnectorInstances.Instance instance) {
        return ApiProblem.validation(List.of(new FieldViolation(field(e.field()), e.rule(),
                "is not a code the " + instance.type() + " ERP of connector instance " + instance.name()
                        + " accepts (编码格式不符): " + e.form()
                        + (e.sentAs().equals(e.value()) ? "" : "; it is sent as '" + InvalidInputException.printable(
                        e.sentAs()) + "'")))).with("connectorInstance", instance.name());
    }

    /** The violation of a master-data code ({@code field}: the request's name) the instance's ERP cannot take. */
    FieldViolation outsideForm(String field, String code, CodeForm form, ConnectorInstances.Instance instance) {
        return new FieldViolation(field, form.rule(), "has the code '" + InvalidInputException.printable(code)
                + "' in the master data, which the " + instance.type() + " ERP of connector instance "
                + instance.name() + " does not accept (编码格式不符): " + form.description() + "; correct it in the "
                + "master data");
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
                + "not started, or the warehouse is inactive; add it with POST /api/v1/warehouses or an import "
                + "(docs/import.md).")
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
