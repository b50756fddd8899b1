package org.aftersaleshub.imports;

import java.util.List;

/**
 * One kind of master data the Excel / CSV import loads (customers, devices, spare parts, warehouses), as a Spring
 * bean. The import engine reads the file, maps headers (Chinese or English) to {@link #columns()}, converts each cell
 * to its column's type and refuses bad files; the target adds its own row rules and writes by natural key. The
 * engine owns transactions: in "all or nothing" mode every {@link #write} of one import runs in one transaction.
 */
public interface ImportTarget {

    /** The name in URLs and job records: {@code customers}, {@code devices}, {@code parts}, {@code warehouses}. */
    String entity();

    /** The entity's Chinese name for messages and the template's sheet name, e.g. 客户. */
    String label();

    /** The template's columns, in order. */
    List<ImportColumn> columns();

    /** The {@link ImportColumn#name()}s that form the natural key: a second row with the same key is refused. */
    List<String> keyColumns();

    /**
     * Rules of one row beyond its cells' types and lengths (value sets, references to rows that must exist, such as
     * a device's customer): empty when the row may be written. A reference may also be satisfied by a row earlier
     * in the same file, which {@code earlierKeys} names (the key values of the rows already accepted, by entity).
     */
    List<RowProblem> check(ImportRow row, EarlierRows earlierKeys);

    /**
     * Writes checked rows by natural key in the caller's transaction: new keys are created, changed rows updated,
     * identical rows left alone (so a re-import changes nothing, not even a version).
     */
    WriteCounts write(List<ImportRow> rows);

    /**
     * {@link #write(List)} with the import's options; a target that takes an option overrides this one. The default
     * ignores them: {@link ImportOptions#crmPush()} false is refused before a job exists for a target that does not
     * {@link #announcesToCrm()}.
     */
    default WriteCounts write(List<ImportRow> rows, ImportOptions options) {
        return write(rows);
    }

    /** True when the rows it writes are announced to the CRM, so {@code crmPush=false} means something. */
    default boolean announcesToCrm() {
        return false;
    }

    /** What one {@link #write} did. */
    record WriteCounts(int created, int updated, int unchanged) {

        public WriteCounts plus(WriteCounts o) {
            return new WriteCounts(created + o.created, updated + o.updated, unchanged + o.unchanged);
        }
    }

    /** Key values of rows accepted earlier in the same import, so a reference to them is not refused. */
    interface EarlierRows {
        boolean contains(String entity, String key);
    }
}
