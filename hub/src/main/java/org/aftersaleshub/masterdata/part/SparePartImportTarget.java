package org.aftersaleshub.masterdata.part;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportColumn.Type;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.springframework.stereotype.Component;

/**
 * Spare parts from a spreadsheet, by 备件编码, judged by the API's rules. The ERP codes are one cell,
 * {@code instance=code;instance2=code2}; every violation about them names that column.
 */
@Component
public class SparePartImportTarget implements ImportTarget {

    static final String CODES = "erpCodes";
    static final String CODES_FORM = "instance=code;instance2=code2";

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("sku", "备件编码", Type.TEXT, true, 64, "备件编码，如 SP-COMP-001", "SKU, e.g. SP-COMP-001"),
            new ImportColumn("name", "名称", Type.TEXT, true, 200, "备件名称", "part name"),
            new ImportColumn("spec", "规格", Type.TEXT, false, 200, "规格型号", "specification"),
            new ImportColumn("unit", "单位", Type.TEXT, true, 16, "计量单位，如 个", "unit, e.g. 个"),
            new ImportColumn("safetyStock", "安全库存", Type.DECIMAL, false, 0, "不小于 0 的数", "a number >= 0"),
            new ImportColumn(CODES, "ERP编码", Type.TEXT, false, 1000,
                    "各ERP实例中的编码，如 kingdee-sh=1.01.0001;u8-bj=0101",
                    "the code in each ERP instance, e.g. kingdee-sh=1.01.0001;u8-bj=0101"));

    private final SparePartService service;

    SparePartImportTarget(SparePartService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return "parts";
    }

    @Override
    public String label() {
        return "备件";
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("sku");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        List<Violation> found = new ArrayList<>();
        Map<String, String> codes = codes(row.text(CODES), found);
        service.check(request(row, codes)).forEach(v -> found.add(v.field().startsWith(CODES + ".")
                ? new Violation(CODES, v.rule(), v.hintZh(), v.field().substring(CODES.length() + 1) + ": "
                + v.hintEn()) : v));
        return Violation.rows(found);
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        return WriteOutcome.count(rows, row -> service.upsert(request(row, codes(row.text(CODES), new ArrayList<>())),
                "import"));
    }

    /** {@code a=1;b=2} by instance; a part without {@code =}, or an instance twice, adds a violation. */
    static Map<String, String> codes(String cell, List<Violation> found) {
        Map<String, String> codes = new LinkedHashMap<>();
        if (cell == null || cell.isBlank()) {
            return codes;
        }
        for (String pair : cell.split("[;；]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                found.add(new Violation(CODES, "format:" + CODES_FORM, "格式应为 实例=编码;实例2=编码2，如 "
                        + "kingdee-sh=1.01.0001", "must be " + CODES_FORM + ", e.g. kingdee-sh=1.01.0001"));
                continue;
            }
            String instance = pair.substring(0, eq).strip();
            if (codes.put(instance, pair.substring(eq + 1).strip()) != null) {
                found.add(new Violation(CODES, "unique-instance", "ERP实例 " + instance + " 出现了两次",
                        "names instance " + instance + " twice"));
            }
        }
        return codes;
    }

    static SparePartRequest request(ImportRow row, Map<String, String> codes) {
        return new SparePartRequest(row.text("sku"), row.text("name"), row.text("spec"), row.text("unit"),
                row.decimal("safetyStock"), null, codes, null);
    }
}
