package org.aftersaleshub.imports;

/**
 * What an import does besides writing its rows (docs/import.md, "Options").
 *
 * @param crmPush true (the default): each customer the import creates or changes is announced to the CRM
 *                ({@code CustomerChanged} → routes/crm-customer-upsert.yaml) as an API change is. false: the rows are
 *                written without it and count as what the CRM already holds — for a first bulk load exported from
 *                the CRM itself, which would otherwise queue one CRM call per row (100,000 rows ≈ 5.5 h at FXiaoKe's
 *                100 calls per 20 s) and may duplicate records there. Only targets that announce to the CRM take it.
 */
public record ImportOptions(boolean crmPush) {

    /** The options of an import that names none. */
    public static final ImportOptions DEFAULTS = new ImportOptions(true);

    /** For the job's audit entry and log line: empty for the defaults, else e.g. {@code " crmPush=false"}. */
    String describe() {
        return crmPush ? "" : " crmPush=false";
    }
}
