package org.aftersaleshub.stock;

import java.util.List;
import java.util.Optional;
import org.aftersaleshub.masterdata.part.SparePartRepository;
import org.aftersaleshub.masterdata.warehouse.Warehouse;
import org.aftersaleshub.masterdata.warehouse.WarehouseRepository;
import org.springframework.stereotype.Component;

/**
 * Where a part usage is booked according to the hub's master data: the warehouse table names the ERP instance and the
 * warehouse's code there, spare_part_erp_code the part's code in that instance. The erp-stock route, the stock API and
 * the part-usage check all resolve from here alone, and no ERP is asked whether it knows a code: a warehouse not in
 * the table, or inactive, is booked nowhere (the removed {@code hub.erp.warehouses} / {@code hub.erp.default-instance}
 * are refused at start), and the hub always sends both codes, so no connector needs its own code mapping.
 */
@Component
public class MasterDataBookings {

    /**
     * @param instance      the connector instance that books the warehouse
     * @param warehouseCode the warehouse's code in that instance
     * @param partKnown     the SKU is a spare part of the master data
     * @param partCode      the part's code in that instance; null when the part is unknown or has none there
     */
    public record Booking(String warehouse, String instance, String warehouseCode, String sku, boolean partKnown,
                          String partCode) {

        public boolean complete() {
            return partCode != null;
        }
    }

    private final WarehouseRepository warehouses;
    private final SparePartRepository parts;

    public MasterDataBookings(WarehouseRepository warehouses, SparePartRepository parts) {
        this.warehouses = warehouses;
        this.parts = parts;
    }

    /** The booking of {@code sku} in {@code warehouse}, when the warehouse is in the master data and active. */
    public Optional<Booking> of(String sku, String warehouse) {
        if (warehouse == null) {
            return Optional.empty();
        }
        Optional<Warehouse> w = warehouses.find(warehouse).filter(Warehouse::active);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String instance = w.get().erpInstance();
        Optional<String> code = sku == null ? Optional.empty() : parts.erpCode(sku, instance);
        boolean known = code.isPresent() || (sku != null && parts.exists(sku));
        return Optional.of(new Booking(warehouse, instance, w.get().erpCode(), sku, known, code.orElse(null)));
    }

    /** The instance that books {@code warehouse} by the master data, if it is there and active. */
    public Optional<String> instanceOf(String warehouse) {
        return warehouse == null ? Optional.empty() : warehouses.find(warehouse).filter(Warehouse::active)
                .map(Warehouse::erpInstance);
    }

    /** The codes of the warehouses the master data books in {@code instance}, active or not, by code. */
    public List<String> warehousesOf(String instance) {
        return warehouses.all().stream().filter(w -> w.erpInstance().equals(instance)).map(Warehouse::code).toList();
    }
}
