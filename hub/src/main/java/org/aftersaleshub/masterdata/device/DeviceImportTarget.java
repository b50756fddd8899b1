package org.aftersaleshub.masterdata.device;

import java.util.List;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportColumn.Type;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.springframework.stereotype.Component;

/**
 * Devices from a spreadsheet, by 序列号, judged by the API's rules; the customer may also be a customer row earlier
 * in the same import.
 */
@Component
public class DeviceImportTarget implements ImportTarget {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("serial", "序列号", Type.TEXT, true, 64, "设备序列号，如 SN000001", "serial number"),
            new ImportColumn("model", "型号", Type.TEXT, true, 64, "设备型号，如 AC-9", "model, e.g. AC-9"),
            new ImportColumn("productLine", "产品线", Type.TEXT, false, 64, "产品线", "product line"),
            new ImportColumn("customerId", "客户编号", Type.TEXT, true, 64, "已有客户的编号", "an existing customer's id"),
            new ImportColumn("purchaseDate", "购买日期", Type.DATE, false, 0, "日期，如 2025-03-01", "a date, e.g. 2025-03-01"),
            new ImportColumn("warrantyEnd", "保修截止", Type.DATE, false, 0, "日期，不早于购买日期",
                    "a date, not before the purchase date"));

    private final DeviceService service;

    DeviceImportTarget(DeviceService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return "devices";
    }

    @Override
    public String label() {
        return "设备";
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("serial");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        return Violation.rows(service.check(request(row), id -> earlierKeys.contains("customers", id)));
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        return WriteOutcome.count(rows, row -> service.upsert(request(row), "import"));
    }

    static DeviceRequest request(ImportRow row) {
        return new DeviceRequest(row.text("serial"), row.text("model"), row.text("productLine"),
                row.text("customerId"), row.date("purchaseDate"), row.date("warrantyEnd"), null);
    }
}
