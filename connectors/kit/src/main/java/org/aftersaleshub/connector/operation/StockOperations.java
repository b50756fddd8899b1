package org.aftersaleshub.connector.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockCatalog;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.StockLevel;
import org.aftersaleshub.model.event.HubEvent;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartReturned;

/**
 * The operations of every ERP connector, with the same names, bodies and result headers whatever the ERP:
 * <ul>
 *   <li>{@code deduct}: a PartConsumed event (or PartUsage, DeductionRequest) → one outbound document, keyed by the
 *       part-usage id;</li>
 *   <li>{@code return}: a PartReturned event (or ReturnRequest) → one compensating inbound document, keyed by
 *       {@code <usage id>:return}; an ERP that books no returns answers FAILED with its reason;</li>
 *   <li>{@code stock}: a StockQuery (or the headers {@code HubPartSku} + {@code HubWarehouse}) → a StockLevel;</li>
 *   <li>{@code part-known}, {@code warehouse-known}: a code (the body, the part-usage event's, or the header
 *       {@code HubPartSku} / {@code HubWarehouse}) → a {@link CatalogEntry}, DONE when the ERP knows it, FAILED with
 *       the reason when it does not ({@link StockCatalog}).</li>
 * </ul>
 */
public final class StockOperations {

    /** Header naming the part of a stock read when the body is not a StockQuery. */
    public static final String PART_SKU_HEADER = "HubPartSku";
    /** Header naming the hub warehouse of a stock read when the body is not a StockQuery. */
    public static final String WAREHOUSE_HEADER = "HubWarehouse";

    public static final Operation<DeductionRequest> DEDUCT = new Operation<>("deduct", Capability.STOCK_DEDUCTION,
            true, "Body: the PartConsumed event (as received), a PartUsage or a DeductionRequest. Books exactly one "
            + "outbound document per part usage, keyed by the part-usage id. Out: body DeductionResult; headers "
            + "HubConnectorOutcome DONE|FAILED, HubDocumentNumber, HubAlreadyExisted, HubReason.") {
        @Override
        public DeductionRequest request(Object body, Function<String, Object> headers) {
            if (body instanceof DeductionRequest d) {
                return withHubCodes(d, headers);
            }
            if (body instanceof PartUsage u) {
                return withHubCodes(DeductionRequest.of(u), headers);
            }
            HubEvent e = EventBodies.event(body);
            if (e instanceof PartConsumed c) {
                return withHubCodes(DeductionRequest.of(c.usage()), headers);
            }
            throw new IllegalArgumentException("operation=deduct takes a PartConsumed event, a PartUsage or a "
                    + "DeductionRequest; the body is " + describe(body, e));
        }

        @Override
        public String idempotencyKey(DeductionRequest request) {
            return request.usageId();
        }

        @Override
        public OperationResult invoke(HubConnector connector, DeductionRequest request) {
            DeductionResult r = StockOperations.as(connector, StockDeductions.class).deduct(request);
            return result(r, "outbound document ");
        }
    };

    public static final Operation<ReturnRequest> RETURN = new Operation<>("return", Capability.STOCK_DEDUCTION, true,
            "Body: the PartReturned event (as received) or a ReturnRequest. Books exactly one compensating inbound "
            + "document per returned usage, keyed by '<usage id>:return'; never touches the outbound document. An "
            + "ERP whose API books no returns answers FAILED with the reason. Out: as deduct.") {
        @Override
        public ReturnRequest request(Object body, Function<String, Object> headers) {
            if (body instanceof ReturnRequest r) {
                return new ReturnRequest(withHubCodes(r.deduction(), headers), r.reason());
            }
            HubEvent e = EventBodies.event(body);
            if (e instanceof PartReturned r) {
                ReturnRequest plain = ReturnRequest.of(r);
                return new ReturnRequest(withHubCodes(plain.deduction(), headers), plain.reason());
            }
            throw new IllegalArgumentException("operation=return takes a PartReturned event or a ReturnRequest; the "
                    + "body is " + describe(body, e));
        }

        @Override
        public String idempotencyKey(ReturnRequest request) {
            return request.deduction().usageId() + ":return";
        }

        @Override
        public OperationResult invoke(HubConnector connector, ReturnRequest request) {
            DeductionResult r = StockOperations.as(connector, StockDeductions.class).compensate(request);
            return result(r, "inbound document ");
        }
    };

    public static final Operation<StockQuery> STOCK = new Operation<>("stock", Capability.STOCK_QUERY, false,
            "Body: a StockQuery, or any body with the headers HubPartSku and HubWarehouse. Reads the ERP's current "
            + "stock. Out: body StockLevel; header HubConnectorOutcome DONE.") {
        @Override
        public StockQuery request(Object body, Function<String, Object> headers) {
            if (body instanceof StockQuery q) {
                return q.withErpCodes(header(headers, ConnectorHeaders.ERP_PART_CODE),
                        header(headers, ConnectorHeaders.ERP_WAREHOUSE_CODE));
            }
            Object sku = headers.apply(PART_SKU_HEADER);
            Object warehouse = headers.apply(WAREHOUSE_HEADER);
            if (sku == null || warehouse == null) {
                throw new IllegalArgumentException("operation=stock takes a StockQuery body or the headers "
                        + PART_SKU_HEADER + " and " + WAREHOUSE_HEADER);
            }
            return StockQuery.of(sku.toString(), warehouse.toString()).withErpCodes(
                    header(headers, ConnectorHeaders.ERP_PART_CODE), header(headers, ConnectorHeaders.ERP_WAREHOUSE_CODE));
        }

        @Override
        public String idempotencyKey(StockQuery request) {
            return null;
        }

        @Override
        public OperationResult invoke(HubConnector connector, StockQuery request) {
            StockLevel level = StockOperations.as(connector, StockQueries.class).stockLevel(request);
            return new OperationResult(level, OperationResult.Status.DONE, null, false, null, "stock of "
                    + request.partSku() + " in " + request.warehouse() + ": " + level.available().toPlainString()
                    + " available");
        }
    };

    public static final Operation<String> PART_KNOWN = new Catalog("part-known", CatalogEntry.Kind.PART,
            PART_SKU_HEADER);

    public static final Operation<String> WAREHOUSE_KNOWN = new Catalog("warehouse-known",
            CatalogEntry.Kind.WAREHOUSE, WAREHOUSE_HEADER);

    /** {@code part-known} and {@code warehouse-known}: one code in, what the ERP knows of it out. */
    private static final class Catalog extends Operation<String> {

        private final CatalogEntry.Kind kind;
        private final String header;

        Catalog(String name, CatalogEntry.Kind kind, String header) {
            super(name, Capability.STOCK_CATALOG, false, "Body: a " + kind.field() + " code, or a PartConsumed / "
                    + "PartReturned event (its usage's " + kind.field() + "), or any body with the header " + header
                    + ". Says whether the ERP knows it: the instance's mapping (no call), else the ERP's master data. "
                    + "Out: body CatalogEntry; HubConnectorOutcome DONE when known, FAILED with HubReason when not. "
                    + "A code outside the ERP's form is refused before any call (InvalidInputException, not "
                    + "retried).");
            this.kind = kind;
            this.header = header;
        }

        @Override
        public String request(Object body, Function<String, Object> headers) {
            if (body instanceof CharSequence cs && !cs.toString().isBlank() && !cs.toString().stripLeading()
                    .startsWith("{")) {
                return cs.toString();
            }
            HubEvent e = body == null ? null : EventBodies.event(body);
            PartUsage usage = e instanceof PartConsumed c ? c.usage() : e instanceof PartReturned r ? r.usage() : null;
            if (usage != null) {
                return kind == CatalogEntry.Kind.PART ? usage.partSku() : usage.warehouse();
            }
            Object h = headers.apply(header);
            if (h == null || h.toString().isBlank()) {
                throw new IllegalArgumentException("operation=" + name() + " takes a " + kind.field() + " code as "
                        + "the body, a part-usage event or the header " + header + "; the body is "
                        + describe(body, e));
            }
            return h.toString();
        }

        @Override
        public String idempotencyKey(String request) {
            return null;
        }

        @Override
        public OperationResult invoke(HubConnector connector, String code) {
            StockCatalog catalog = StockOperations.as(connector, StockCatalog.class);
            CatalogEntry entry = kind == CatalogEntry.Kind.PART ? catalog.partKnown(code)
                    : catalog.warehouseKnown(code);
            if (entry.known()) {
                return new OperationResult(entry, OperationResult.Status.DONE, null, false, null, entry.toString());
            }
            String reason = kind.field() + " '" + code + "' is unknown to " + connector.name() + " (looked up as '"
                    + entry.erpCode() + "' in its master data)";
            return new OperationResult(entry, OperationResult.Status.FAILED, null, false, reason, reason);
        }
    }

    private StockOperations() {
    }

    /**
     * The request with the ERP codes the hub resolved from its master data ({@link ConnectorHeaders#ERP_PART_CODE},
     * {@link ConnectorHeaders#ERP_WAREHOUSE_CODE}); they win over the connector's own (deprecated) code mappings.
     */
    static DeductionRequest withHubCodes(DeductionRequest d, Function<String, Object> headers) {
        return d.withErpCodes(header(headers, ConnectorHeaders.ERP_PART_CODE),
                header(headers, ConnectorHeaders.ERP_WAREHOUSE_CODE));
    }

    private static String header(Function<String, Object> headers, String name) {
        Object v = headers == null ? null : headers.apply(name);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    /** The stock operations a connector with these capabilities offers. */
    public static List<Operation<?>> forCapabilities(Set<Capability> capabilities) {
        List<Operation<?>> ops = new ArrayList<>();
        if (capabilities.contains(Capability.STOCK_DEDUCTION)) {
            ops.add(DEDUCT);
            ops.add(RETURN);
        }
        if (capabilities.contains(Capability.STOCK_QUERY)) {
            ops.add(STOCK);
        }
        if (capabilities.contains(Capability.STOCK_CATALOG)) {
            ops.add(PART_KNOWN);
            ops.add(WAREHOUSE_KNOWN);
        }
        return ops;
    }

    private static OperationResult result(DeductionResult r, String what) {
        if (r.isDone()) {
            return new OperationResult(r, OperationResult.Status.DONE, r.documentNumber(), r.alreadyExisted(), null,
                    what + r.documentNumber() + (r.alreadyExisted() ? " (already booked)" : ""));
        }
        return new OperationResult(r, OperationResult.Status.FAILED, r.documentNumber(), false, r.reason(),
                r.reason());
    }

    static <T> T as(HubConnector connector, Class<T> type) {
        return connector.as(type).orElseThrow(() -> new IllegalStateException(connector.name()
                + " does not implement " + type.getSimpleName()));
    }

    private static String describe(Object body, HubEvent event) {
        return event != null ? "a " + event.type() + " event" : body == null ? "empty"
                : "a " + body.getClass().getSimpleName();
    }
}
