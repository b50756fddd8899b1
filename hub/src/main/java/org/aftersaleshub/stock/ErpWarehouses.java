package org.aftersaleshub.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connectors.ConnectorConfigurationException;
import org.aftersaleshub.delivery.PermanentFailure;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which connector instance books each warehouse, and both ERP codes: the master data alone
 * ({@link MasterDataBookings}: the warehouse table names the instance and the warehouse's code there,
 * spare_part_erp_code the part's). The one source for the erp-stock route ({@link #resolve(Exchange)}: headers
 * {@code hubErpType}, {@code hubErpInstance} and both codes) and the stock API, so a usage is never booked in one ERP
 * while its stock is asked of another. A warehouse not in the table, or inactive, is booked nowhere.
 *
 * <p>The removed keys {@code hub.erp.warehouses} and {@code hub.erp.default-instance} are refused at start
 * ({@link #refuseRemovedKeys}): a deployment that still sets them would otherwise start and quietly book nothing.
 */
@Component("erpWarehouses")
public class ErpWarehouses {

    /** Header set by {@link #resolve}: the connector type, which is the endpoint scheme ({@code kingdee}). */
    public static final String ERP_TYPE = "hubErpType";
    /** Header set by {@link #resolve}: the connector instance, which is the endpoint path ({@code kingdee-sh}). */
    public static final String ERP_INSTANCE = "hubErpInstance";

    /** Where the settings of the removed keys live now, for the start-up problem. */
    static final String MOVED = "moved to master data: each warehouse's ERP instance and code in /api/v1/warehouses "
            + "or the import (docs/import.md), each part's ERP codes in /api/v1/parts; delete this key";

    private final ConnectorInstances instances;
    private final MasterDataBookings masterData;

    public ErpWarehouses(ConnectorInstances instances, MasterDataBookings masterData, Environment env) {
        refuseRemovedKeys(env);
        this.instances = instances;
        this.masterData = masterData;
    }

    /**
     * Refuses to start while {@code hub.erp.warehouses} or {@code hub.erp.default-instance} is still set (in any
     * property source, environment variables too), naming each key and where its setting moved.
     *
     * @throws ConnectorConfigurationException naming every such key
     */
    public static void refuseRemovedKeys(Environment env) {
        List<ConfigProblem> problems = new ArrayList<>();
        Binder binder = Binder.get(env);
        Map<String, String> warehouses = binder.bind("hub.erp.warehouses", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        warehouses.keySet().stream().sorted().forEach(w -> problems.add(new ConfigProblem("hub.erp.warehouses." + w,
                "removed", "hub.erp.warehouses was removed (已移除): " + MOVED)));
        String fallback = binder.bind("hub.erp.default-instance", String.class).orElse("");
        if (!fallback.isBlank()) {
            problems.add(new ConfigProblem("hub.erp.default-instance", "removed", "hub.erp.default-instance was "
                    + "removed (已移除): every warehouse names its instance; " + MOVED));
        }
        if (!problems.isEmpty()) {
            throw new ConnectorConfigurationException(problems);
        }
    }

    /** The started instance that books {@code warehouse} by the master data, if the warehouse is there and active. */
    public Optional<ConnectorInstances.Instance> instanceFor(String warehouse) {
        return masterData.instanceOf(warehouse).flatMap(instances::get);
    }

    /** True when some started connector instance can book stock. */
    public boolean any() {
        return instances.all().stream().anyMatch(i -> i.connector().capabilities()
                .contains(Capability.STOCK_DEDUCTION));
    }

    /** The master data's booking of {@code sku} in {@code warehouse}, when the warehouse is in it and active. */
    public Optional<MasterDataBookings.Booking> booking(String sku, String warehouse) {
        return masterData.of(sku, warehouse);
    }

    /**
     * Route step: sets {@code hubErpType}, {@code hubErpInstance} and both ERP codes
     * ({@code HubErpPartCode}, {@code HubErpWarehouseCode}) for the part in header {@code hubPartSku} and the
     * warehouse in {@code hubWarehouse}, from the master data. A warehouse the master data does not book in a started
     * instance, or a part without a code in that instance, fails the message for good before anything is sent (a
     * dead letter naming it; fix the master data and replay).
     */
    public void resolve(Exchange ex) {
        String warehouse = ex.getMessage().getHeader(PartUsageEvents.WAREHOUSE, String.class);
        String sku = ex.getMessage().getHeader(PartUsageEvents.PART_SKU, String.class);
        String usage = ex.getMessage().getHeader(PartUsageEvents.USAGE_ID, String.class);
        // the key of the call this step stands before, so the journal and the dead letter show it under that call
        String key = "PartReturned".equals(ex.getMessage().getHeader(MessageHeaders.EVENT_TYPE, String.class))
                ? usage + ":return" : usage;
        MasterDataBookings.Booking booking = booking(sku, warehouse)
                .orElseThrow(() -> new UnmappedWarehouseException(warehouse));
        ConnectorInstances.Instance i = instances.get(booking.instance())
                .orElseThrow(() -> new UnmappedWarehouseException(warehouse));
        if (!booking.complete()) {
            throw new UnknownInMasterDataException(booking, key);
        }
        ex.getMessage().setHeader(ERP_TYPE, i.type());
        ex.getMessage().setHeader(ERP_INSTANCE, i.name());
        ex.getMessage().setHeader(ConnectorHeaders.ERP_PART_CODE, booking.partCode());
        ex.getMessage().setHeader(ConnectorHeaders.ERP_WAREHOUSE_CODE, booking.warehouseCode());
    }

    /** No started connector instance books this warehouse: not retryable; fix the master data, then replay. */
    public static final class UnmappedWarehouseException extends RuntimeException implements PermanentFailure {
        public UnmappedWarehouseException(String warehouse) {
            super("no connector instance books warehouse '" + warehouse + "' (仓库未配置ERP): add it to the master "
                    + "data (POST /api/v1/warehouses or an import) as an active warehouse with the instance that "
                    + "books it, and start that instance, then replay this dead letter", null, false, false);
        }
    }
}
