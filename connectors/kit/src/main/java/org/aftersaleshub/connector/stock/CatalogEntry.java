package org.aftersaleshub.connector.stock;

import java.util.Objects;

/**
 * What an ERP knows of one part or warehouse, as {@link StockCatalog} answers it.
 *
 * @param kind    a part or a warehouse
 * @param code    the hub's code, as asked
 * @param erpCode the code the instance sends to the ERP for it (its mapping, else the hub's code)
 * @param known   the instance's mapping names it, or the ERP's master data holds it
 * @param source  where the answer comes from: the mapping (no call made) or the ERP's master data
 */
public record CatalogEntry(Kind kind, String code, String erpCode, boolean known, Source source) {

    /** A part (material, inventory, product) or a warehouse. */
    public enum Kind {
        PART("part"), WAREHOUSE("warehouse");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The name the connector layer gives the value in messages and {@code InvalidInputException#field()}. */
        public String field() {
            return field;
        }
    }

    /** Where an answer comes from. */
    public enum Source {
        /** The instance's configured code mapping names the code: known without asking the ERP. */
        MAPPING,
        /** The ERP's master-data query answered (found or not). */
        MASTER_DATA
    }

    public CatalogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(erpCode, "erpCode");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return kind.field() + " " + code + (erpCode.equals(code) ? "" : " (" + erpCode + ")") + ": "
                + (known ? "known" : "unknown") + " by " + source.name().toLowerCase().replace('_', ' ');
    }
}
