package org.aftersaleshub.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connectors.ConnectorConfigurationException;
import org.aftersaleshub.delivery.PermanentFailure;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which connector instance books each warehouse: the master data's warehouse table ({@link MasterDataBookings}), else
 * (deprecated) {@code hub.erp.warehouses} ({@code WH03: u8-bj}), else {@code hub.erp.default-instance}, else the one
 * instance that can book stock. The one source for the erp-stock
 * route ({@link #resolve(Exchange)}: headers {@code hubErpType} and {@code hubErpInstance}) and the stock API, so a
 * usage is never booked in one ERP while its stock is asked of another. Checked at start: every instance named
 * exists and can book stock.
 */
@Component("erpWarehouses")
public class ErpWarehouses {

    /** Header set by {@link #resolve}: the connector type, which is the endpoint scheme ({@code kingdee}). */
    public static final String ERP_TYPE = "hubErpType";
    /** Header set by {@link #resolve}: the connector instance, which is the endpoint path ({@code kingdee-sh}). */
    public static final String ERP_INSTANCE = "hubErpInstance";

    private final ConnectorInstances instances;
    private final ErpCatalog catalog;
    private final Map<String, String> byWarehouse;
    private final String fallback;
    private final MasterDataBookings masterData;

    /** With a catalog cache of its own and no master data (for tests that build the mapping by hand). */
    public ErpWarehouses(ConnectorInstances instances, ErpProperties props) {
        this(instances, props, new ErpCatalog(props), null);
    }

    @Autowired
    public ErpWarehouses(ConnectorInstances instances, ErpProperties props, ErpCatalog catalog,
                         MasterDataBookings masterData) {
        this.instances = instances;
        this.catalog = catalog;
        this.masterData = masterData;
        this.byWarehouse = props.warehouses();
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> stock = instances.all().stream()
                .filter(i -> i.connector().capabilities().contains(Capability.STOCK_DEDUCTION)).map(i -> i.name())
                .toList();
        byWarehouse.forEach((warehouse, instance) -> check("hub.erp.warehouses." + warehouse, instance, stock,
                problems));
        if (!props.defaultInstance().isEmpty()) {
            check("hub.erp.default-instance", props.defaultInstance(), stock, problems);
            fallback = props.defaultInstance();
        } else {
            fallback = stock.size() == 1 ? stock.get(0) : null;
        }
        if (!problems.isEmpty()) {
            throw new ConnectorConfigurationException(problems);
        }
    }

    private static void check(String key, String instance, List<String> stock, List<ConfigProblem> problems) {
        if (!stock.contains(instance)) {
            problems.add(new ConfigProblem(key, "one-of", key + " names '" + instance + "', which is not a started "
                    + "connector instance that books stock; instances that do: " + stock));
        }
    }

    /** The instance that books {@code warehouse}, if any: the master data's, else the deprecated properties'. */
    public Optional<ConnectorInstances.Instance> instanceFor(String warehouse) {
        Optional<String> booked = masterData == null ? Optional.empty() : masterData.instanceOf(warehouse);
        if (booked.isPresent()) {
            return instances.get(booked.get());
        }
        String name = byWarehouse.getOrDefault(warehouse, fallback);
        return name == null ? Optional.empty() : instances.get(name);
    }

    /** The instance that books every warehouse not listed in {@code hub.erp.warehouses}, if any. */
    public Optional<String> defaultInstance() {
        return Optional.ofNullable(fallback);
    }

    /** True when at least one warehouse can be booked. */
    public boolean any() {
        return fallback != null || !byWarehouse.isEmpty() || (masterData != null && !stockInstances().isEmpty()
                && masterData.anyWarehouse());
    }

    private List<String> stockInstances() {
        return instances.all().stream()
                .filter(i -> i.connector().capabilities().contains(Capability.STOCK_DEDUCTION)).map(i -> i.name())
                .toList();
    }

    /** The master data's booking of {@code sku} in {@code warehouse}, when the warehouse is in it. */
    public Optional<MasterDataBookings.Booking> booking(String sku, String warehouse) {
        return masterData == null ? Optional.empty() : masterData.of(sku, warehouse);
    }

    /**
     * Route step: sets {@code hubErpType} and {@code hubErpInstance} for the warehouse in header
     * {@code hubWarehouse}, once that instance knows the part in {@code hubPartSku} and the warehouse
     * ({@link ErpCatalog}), so nothing it does not know is ever sent to it. A warehouse no instance books, or a part or
     * warehouse the instance does not know, fails the message for good (a dead letter naming it; fix and replay); an
     * ERP that cannot say fails it retryably.
     */
    public void resolve(Exchange ex) {
        String warehouse = ex.getMessage().getHeader(PartUsageEvents.WAREHOUSE, String.class);
        String sku = ex.getMessage().getHeader(PartUsageEvents.PART_SKU, String.class);
        ConnectorInstances.Instance i = instanceFor(warehouse).orElseThrow(() -> new UnmappedWarehouseException(
                warehouse));
        String usage = ex.getMessage().getHeader(PartUsageEvents.USAGE_ID, String.class);
        // the key of the call this step stands before, so the journal and the dead letter show it under that call
        String key = "PartReturned".equals(ex.getMessage().getHeader(MessageHeaders.EVENT_TYPE, String.class))
                ? usage + ":return" : usage;
        Optional<MasterDataBookings.Booking> booking = booking(sku, warehouse);
        if (booking.isPresent()) {
            // the tables are the truth: both codes go to the connector, and the ERP is not asked whether it knows them
            if (!booking.get().complete()) {
                throw new UnknownInMasterDataException(booking.get(), key);
            }
            ex.getMessage().setHeader(ERP_TYPE, i.type());
            ex.getMessage().setHeader(ERP_INSTANCE, i.name());
            ex.getMessage().setHeader(ConnectorHeaders.ERP_PART_CODE, booking.get().partCode());
            ex.getMessage().setHeader(ConnectorHeaders.ERP_WAREHOUSE_CODE, booking.get().warehouseCode());
            return;
        }
        ErpCatalog.Verdict verdict;
        try {
            verdict = catalog.check(i, sku, warehouse);
        } catch (InvalidInputException e) {
            verdict = new ErpCatalog.Verdict(List.of(e), List.of());
        } catch (ConnectorException e) {
            throw new CatalogUnansweredException(i.name(), key, sku, warehouse, e);
        }
        if (!verdict.fine()) {
            throw new UnknownPartOrWarehouseException(i.name(), key, verdict);
        }
        ex.getMessage().setHeader(ERP_TYPE, i.type());
        ex.getMessage().setHeader(ERP_INSTANCE, i.name());
    }

    /** No connector instance books this warehouse: not retryable; fix the mapping, then replay. */
    public static final class UnmappedWarehouseException extends RuntimeException implements PermanentFailure {
        public UnmappedWarehouseException(String warehouse) {
            super("no connector instance books warehouse '" + warehouse + "' (仓库未配置ERP): add it to the master "
                    + "data (POST /api/v1/warehouses or an import) with the instance that books it and that instance "
                    + "started (deprecated: map it in hub.erp.warehouses or set hub.erp.default-instance), then "
                    + "replay this dead letter", null, false, false);
        }
    }
}
