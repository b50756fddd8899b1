package org.aftersaleshub.masterdata.warehouse;

import java.util.Arrays;
import java.util.List;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportColumn.Type;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.springframework.stereotype.Component;

/** Warehouses from a spreadsheet, by 仓库编码, judged by the API's rules; 通知人员 is a comma list. */
@Component
public class WarehouseImportTarget implements ImportTarget {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("code", "仓库编码", Type.TEXT, true, 32, "仓库编码，如 WH01", "warehouse code, e.g. WH01"),
            new ImportColumn("name", "仓库名称", Type.TEXT, true, 200, "仓库名称", "warehouse name"),
            new ImportColumn("region", "区域", Type.TEXT, false, 64, "区域，如 华东", "region, e.g. 华东"),
            new ImportColumn("erpInstance", "ERP实例", Type.TEXT, true, 64, "记账的ERP连接器实例，如 kingdee-sh",
                    "the ERP connector instance that books it, e.g. kingdee-sh"),
            new ImportColumn("erpCode", "ERP仓库编码", Type.TEXT, true, 64, "仓库在该ERP中的编码，如 CK001",
                    "its code in that ERP, e.g. CK001"),
            new ImportColumn("notifyChannel", "通知渠道", Type.TEXT, false, 16, "DINGTALK 或 WECOM，可空",
                    "DINGTALK or WECOM, optional"),
            new ImportColumn("notifyRobot", "通知机器人", Type.TEXT, false, 64, "群机器人名称", "group robot name"),
            new ImportColumn("notifyUsers", "通知人员", Type.TEXT, false, 1000, "IM 用户ID，逗号分隔",
                    "IM user ids, comma-separated"));

    private final WarehouseService service;

    WarehouseImportTarget(WarehouseService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return "warehouses";
    }

    @Override
    public String label() {
        return "仓库";
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("code");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        return Violation.rows(service.check(request(row)).stream()
                .map(v -> v.field().startsWith("notifyUsers[") ? new Violation("notifyUsers", v.rule(), v.hintZh(),
                        v.hintEn()) : v).toList());
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        return WriteOutcome.count(rows, row -> service.upsert(request(row), "import"));
    }

    static WarehouseRequest request(ImportRow row) {
        String users = row.text("notifyUsers");
        List<String> list = users == null ? List.of() : Arrays.stream(users.split("[,，]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        String channel = row.text("notifyChannel");
        return new WarehouseRequest(row.text("code"), row.text("name"), row.text("region"), row.text("erpInstance"),
                row.text("erpCode"), channel == null ? null : channel.strip().toUpperCase(java.util.Locale.ROOT),
                row.text("notifyRobot"), list, null, null);
    }
}
