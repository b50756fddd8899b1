package org.aftersaleshub.connector.stock;

import java.util.Map;
import java.util.function.Predicate;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.stock.CatalogEntry.Kind;
import org.aftersaleshub.connector.stock.CatalogEntry.Source;

/**
 * The part of {@link StockCatalog} every ERP connector shares, for one started configuration: its code maps, its
 * {@link CodeForm}, and the order of the checks (form → mapping → master-data query). A connector only supplies the
 * query that looks one code up in the ERP.
 *
 * <pre>{@code
 * codes = new CatalogCodes("u8", CodeForm.ENCODED_TEXT, cfg.map(INVENTORY_CODES), cfg.map(WAREHOUSE_CODES),
 *         "u8.inventory-codes", "u8.warehouse-codes");
 * public CatalogEntry partKnown(String sku) { return codes.part(sku, code -> inventoryExists(code)); }
 * }</pre>
 */
public final class CatalogCodes {

    private final String system;
    private final CodeForm form;
    private final Map<String, String> partCodes;
    private final Map<String, String> warehouseCodes;
    private final String partCodesKey;
    private final String warehouseCodesKey;

    /**
     * @param system            the connector name, for messages
     * @param form              the codes the ERP takes
     * @param partCodes         hub SKU → ERP part code, from the instance's configuration
     * @param warehouseCodes    hub warehouse → ERP warehouse code
     * @param partCodesKey      the config key of {@code partCodes}, named in the fix of a refusal
     * @param warehouseCodesKey the config key of {@code warehouseCodes}
     */
    public CatalogCodes(String system, CodeForm form, Map<String, String> partCodes, Map<String, String> warehouseCodes,
                        String partCodesKey, String warehouseCodesKey) {
        this.system = system;
        this.form = form;
        this.partCodes = Map.copyOf(partCodes);
        this.warehouseCodes = Map.copyOf(warehouseCodes);
        this.partCodesKey = partCodesKey;
        this.warehouseCodesKey = warehouseCodesKey;
    }

    public CodeForm form() {
        return form;
    }

    /** The ERP code of a part, checked: {@code knownErpCode} when the caller has one, else the mapping or the SKU. */
    public String partCode(String sku, String knownErpCode) {
        String code = knownErpCode != null && !knownErpCode.isBlank() ? knownErpCode
                : sku == null ? null : partCodes.getOrDefault(sku, sku);
        return checked(Kind.PART, sku, code, partCodesKey);
    }

    public String partCode(String sku) {
        return partCode(sku, null);
    }

    /**
     * The ERP code of a warehouse, checked: {@code knownErpCode} when the caller has one (the hub's warehouse table),
     * else the mapping or the hub code.
     */
    public String warehouseCode(String warehouse, String knownErpCode) {
        String code = knownErpCode != null && !knownErpCode.isBlank() ? knownErpCode
                : warehouse == null ? null : warehouseCodes.getOrDefault(warehouse, warehouse);
        return checked(Kind.WAREHOUSE, warehouse, code, warehouseCodesKey);
    }

    public String warehouseCode(String warehouse) {
        return warehouseCode(warehouse, null);
    }

    /** Form, then mapping, then {@code existsInErp} with the part's ERP code. */
    public CatalogEntry part(String sku, Predicate<String> existsInErp) {
        return lookUp(Kind.PART, sku, partCode(sku), partCodes.containsKey(sku), existsInErp);
    }

    /** Form, then mapping, then {@code existsInErp} with the warehouse's ERP code. */
    public CatalogEntry warehouse(String warehouse, Predicate<String> existsInErp) {
        return lookUp(Kind.WAREHOUSE, warehouse, warehouseCode(warehouse), warehouseCodes.containsKey(warehouse),
                existsInErp);
    }

    private static CatalogEntry lookUp(Kind kind, String code, String erpCode, boolean mapped,
                                       Predicate<String> existsInErp) {
        if (mapped) {
            return new CatalogEntry(kind, code, erpCode, true, Source.MAPPING);
        }
        return new CatalogEntry(kind, code, erpCode, existsInErp.test(erpCode), Source.MASTER_DATA);
    }

    private String checked(Kind kind, String given, String code, String mapKey) {
        if (!form.accepts(code)) {
            throw new InvalidInputException(system, kind.field(), given == null ? "" : given,
                    code == null ? "" : code, form.rule(), form.description(), code != null && code.equals(given)
                            ? "map it to a valid code with " + mapKey + " if the ERP knows it by another"
                            : "correct its entry in " + mapKey);
        }
        return code;
    }
}
